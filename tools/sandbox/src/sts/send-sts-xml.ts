import type { ServerResponse } from 'node:http';

/** Writes an awsQuery (STS) XML reply with an exact content-length. */
export function sendStsXml(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
  response.end(xml);
}
