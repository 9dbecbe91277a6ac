import { escapeXml } from './escape-xml';

/** An awsQuery error document, as STS sends it. */
export function stsErrorXml(
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = 'Sender',
): string {
  return (
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}
