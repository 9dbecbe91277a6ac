import type { ServerResponse } from 'node:http';
import type { SignedRequest } from '../sigv4/signed-request';

/** A fully read request as the sandbox server hands it to a route handler. */
export interface SandboxRequest extends SignedRequest {
  /** The decoded-free raw path without the query string. */
  readonly path: string;
  readonly searchParams: URLSearchParams;
  /** An id for logs and `x-amzn-RequestId`. */
  readonly requestId: string;
  readonly remoteAddress: string;
}

/** Handles one request; must answer on `res`. A thrown error becomes a 500 (logged without stack). */
export type SandboxRouteHandler = (request: SandboxRequest, response: ServerResponse) => Promise<void> | void;

/** Decides whether a route takes a request. */
export type SandboxRouteMatcher = (request: SandboxRequest) => boolean;
