import { escapeXml } from './escape-xml';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * An awsQuery success document: `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…`.
 * The SDK reads the result from inside the wrapper; without it, it returns an empty object.
 */
export function stsResultXml(action: string, resultXml: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">\n` +
    `  <${action}Result>\n${resultXml}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${escapeXml(requestId)}</RequestId>\n  </ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}
