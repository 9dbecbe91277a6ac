import type { ServerResponse } from 'node:http';

/** Writes a JSON response with an exact content-length. */
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  sendJsonText(res, status, JSON.stringify(body), contentType);
}

/** The same for JSON that is already text (e.g. dynalite's answer passed through). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'application/json',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
