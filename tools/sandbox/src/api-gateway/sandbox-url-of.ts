/** An API Gateway URL output (`https://<api>.execute-api.<region>.<suffix>/<stage>/`), as the sandbox serves it. */
export function sandboxUrlOf(value: string, endpoint: string): string | undefined {
  const match = /^https:\/\/([a-z0-9]+)\.execute-api\.[^/]+\/([^/]+)\/?$/.exec(value);
  return match ? `${endpoint.replace(/\/$/, '')}/restapis/${match[1]}/${match[2]}/_user_request_/` : undefined;
}
