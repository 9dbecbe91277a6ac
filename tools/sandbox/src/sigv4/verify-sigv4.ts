import { createHash, timingSafeEqual } from 'node:crypto';
import { createSigner } from '@xacct/reader-client';
import { AWS_REGIONS } from './aws-regions';
import { SigV4Error } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import type { AccessKeyRecord } from '../iam/iam-model';
import type { SignedRequest } from './signed-request';

/** Where verification looks up access keys (the sandbox's IamStore). */
export interface AccessKeyResolver {
  lookupAccessKey(accessKeyId: string): AccessKeyRecord | undefined;
  identityOf(key: AccessKeyRecord): CallerIdentity;
}

/** A request whose signature checked out. */
export interface VerifiedRequest {
  readonly identity: CallerIdentity;
  /** The region of the credential scope: the region the caller addressed. */
  readonly region: string;
  readonly signedAt: Date;
}

export interface VerifySigV4Options {
  readonly now?: Date;
  /** Allowed clock difference, as AWS: 15 minutes. */
  readonly maxSkewMs?: number;
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const AUTH_PATTERN = /^AWS4-HMAC-SHA256\s+(.*)$/;

/**
 * Verifies a SigV4 `Authorization` header by recomputing the signature with the AWS SDK's own signer and the
 * secret the sandbox issued for the access key. Service-agnostic: DynamoDB and STS (POST) as well as
 * execute-api (GET with a query string, as `curl --aws-sigv4` sends).
 * @throws SigV4Error with the reason AWS would give.
 */
export async function verifySigV4(
  request: SignedRequest,
  expectedService: string,
  keys: AccessKeyResolver,
  options: VerifySigV4Options = {},
): Promise<VerifiedRequest> {
  const now = options.now ?? new Date();
  const authorization = headerValue(request, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    if (new URL(request.url, 'http://sandbox').searchParams.has('X-Amz-Algorithm')) {
      throw new SigV4Error(
        'IncompleteSignature',
        'Presigned (query-string) SigV4 requests are not supported by the sandbox; sign with the Authorization header.',
      );
    }
    throw new SigV4Error('MissingAuthenticationToken', 'Request is missing Authentication Token');
  }
  const parts = parseAuthorization(authorization);
  const scope = parts.credential.split('/');
  if (scope.length !== 5) {
    throw new SigV4Error(
      'IncompleteSignature',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.credential}'`,
    );
  }
  const [accessKeyId = '', scopeDate = '', region = '', service = '', terminator = ''] = scope;
  if (service !== expectedService) {
    throw new SigV4Error('WrongService', `Credential should be scoped to correct service: '${expectedService}'. `);
  }
  if (!AWS_REGIONS.has(region)) {
    // AWS's own words (STS answers SignatureDoesNotMatch, DynamoDB InvalidSignatureException).
    throw new SigV4Error('InvalidSignature', `Credential should be scoped to a valid region, not '${region}'. `);
  }
  if (terminator !== 'aws4_request') {
    throw new SigV4Error(
      'InvalidSignature',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `,
    );
  }
  const amzDate = headerValue(request, 'x-amz-date');
  if (amzDate === undefined) {
    throw new SigV4Error(
      'IncompleteSignature',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  const signedAt = parseAmzDate(amzDate);
  if (!amzDate.startsWith(scopeDate)) {
    throw new SigV4Error(
      'InvalidSignature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (!parts.signedHeaders.includes('host')) {
    throw new SigV4Error('InvalidSignature', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  assertAmzHeadersSigned(request, parts.signedHeaders);
  const skew = options.maxSkewMs ?? 15 * 60_000;
  if (Math.abs(now.getTime() - signedAt.getTime()) > skew) {
    throw new SigV4Error(
      'SignatureExpired',
      `Signature expired: ${amzDate} is now earlier than ${toAmzDate(new Date(now.getTime() - skew))} (${toAmzDate(now)} - 15 min.)`,
    );
  }

  const key = keys.lookupAccessKey(accessKeyId);
  if (key === undefined) throw new SigV4Error('UnrecognizedClient', INVALID_TOKEN);
  const token = headerValue(request, 'x-amz-security-token');
  if (key.sessionToken !== undefined && token !== key.sessionToken)
    throw new SigV4Error('UnrecognizedClient', INVALID_TOKEN);
  if (key.sessionToken === undefined && token !== undefined) throw new SigV4Error('UnrecognizedClient', INVALID_TOKEN);

  const expected = await computeSignature(request, parts.signedHeaders, {
    accessKeyId,
    key,
    region,
    service,
    signedAt,
  });
  if (!sameHex(expected, parts.signature)) throw new SigV4Error('InvalidSignature', BAD_SIGNATURE);
  // Checked after the signature, as AWS does: only the owner of the secret learns that the token expired.
  if (key.expiresAt !== undefined && key.expiresAt <= now.getTime()) {
    throw new SigV4Error('ExpiredToken', 'The security token included in the request is expired');
  }
  return { identity: keys.identityOf(key), region, signedAt };
}

async function computeSignature(
  request: SignedRequest,
  signedHeaders: string[],
  scope: { accessKeyId: string; key: AccessKeyRecord; region: string; service: string; signedAt: Date },
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerValue(request, name);
    if (value === undefined) {
      throw new SigV4Error('InvalidSignature', `The request signs the header '${name}' but does not carry it.`);
    }
    headers[name] = value;
  }
  // Only S3 accepts UNSIGNED-PAYLOAD (the sandbox emulates no S3): every other service hashes the body itself, so
  // a signature always covers the body, and an x-amz-content-sha256 that is not the body's hash cannot match.
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const payloadHash = headerValue(request, 'x-amz-content-sha256');
  if (payloadHash !== undefined && payloadHash !== bodyHash) {
    throw new SigV4Error('InvalidSignature', BAD_SIGNATURE);
  }
  const { path, query } = splitTarget(request.url);
  const signer = createSigner({
    credentials: {
      accessKeyId: scope.accessKeyId,
      secretAccessKey: scope.key.secretAccessKey,
      ...(scope.key.sessionToken === undefined ? {} : { sessionToken: scope.key.sessionToken }),
    },
    region: scope.region,
    service: scope.service,
    // S3 signs the path as-is; every other service escapes the already-encoded path once more.
    uriEscapePath: scope.service !== 's3',
    // Sign exactly the headers the client signed; never add x-amz-content-sha256 of our own.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path,
      query,
      headers,
      body: request.body,
    },
    { signingDate: scope.signedAt, signableHeaders: new Set(signedHeaders) },
  );
  const authorization = signed.headers.authorization ?? signed.headers.Authorization ?? '';
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
}

function parseAuthorization(header: string): { credential: string; signedHeaders: string[]; signature: string } {
  const match = AUTH_PATTERN.exec(header.trim());
  if (match === null) {
    throw new SigV4Error(
      'IncompleteSignature',
      `Unsupported AWS 'algorithm' in the Authorization header (only AWS4-HMAC-SHA256).`,
    );
  }
  const fields: Record<string, string> = {};
  for (const part of (match[1] ?? '').split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== undefined && name !== '') fields[name] = value.join('=');
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !fields[name]);
  if (missing.length > 0) {
    throw new SigV4Error(
      'IncompleteSignature',
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '),
    );
  }
  return {
    credential: fields.Credential ?? '',
    signedHeaders: (fields.SignedHeaders ?? '').split(';').map((h) => h.toLowerCase()),
    signature: fields.Signature ?? '',
  };
}

function splitTarget(url: string): { path: string; query: Record<string, string | string[]> } {
  const index = url.indexOf('?');
  const path = index === -1 ? url : url.slice(0, index);
  const query: Record<string, string | string[]> = {};
  if (index !== -1) {
    for (const pair of url.slice(index + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = safeDecode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : safeDecode(pair.slice(eq + 1));
      const existing = query[name];
      query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return { path: path === '' ? '/' : path, query };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function headerValue(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  // Repeated headers are signed as their values joined by commas.
  return Array.isArray(value) ? value.join(',') : String(value);
}

function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const [, y, mo, d, h, mi, s] = match ?? [];
  const date = match === null ? undefined : new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  // An out-of-range field (month 13, 31 February, hour 25) is not a date: Date either gives up or rolls it over.
  if (date === undefined || Number.isNaN(date.getTime()) || toAmzDate(date) !== value) {
    throw new SigV4Error('IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${value}'.`);
  }
  return date;
}

/**
 * Every x-amz-* header the request carries must be signed: x-amz-target picks the DynamoDB action (and so the IAM
 * action), x-amz-security-token the session. The AWS SDK signs all of them; curl --aws-sigv4 signs the headers given.
 */
function assertAmzHeadersSigned(request: SignedRequest, signedHeaders: readonly string[]): void {
  const unsigned = Object.keys(request.headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-amz-') && !signedHeaders.includes(name));
  if (unsigned.length > 0) {
    throw new SigV4Error(
      'InvalidSignature',
      `There were headers present in the request which were not signed: ${unsigned.sort().join(', ')}. List every x-amz-* header in SignedHeaders.`,
    );
  }
}

function toAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
