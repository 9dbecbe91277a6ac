import type { SandboxRequest } from '../server/sandbox-request';

const SCOPE_SERVICE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\//;

/** The service a SigV4 `Authorization` header is scoped to (`sts`, `iam`...), or undefined when unsigned. */
export function signedServiceOf(request: SandboxRequest): string | undefined {
  return SCOPE_SERVICE.exec(String(request.headers.authorization ?? ''))?.[1];
}

/** Form POSTs of the awsQuery protocol (STS, IAM, CloudFormation), not aimed at a JSON service. */
export function isFormPost(request: SandboxRequest): boolean {
  if (request.method !== 'POST' || request.headers['x-amz-target'] !== undefined) return false;
  return String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** An awsQuery request signed for `service`. */
export function isQueryRequestFor(service: string): (request: SandboxRequest) => boolean {
  return (request) => isFormPost(request) && signedServiceOf(request) === service;
}
