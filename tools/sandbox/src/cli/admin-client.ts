import { ADMIN_HEADER } from '../admin/admin-header';
import { AdminApiError, SandboxNotRunningError } from '../errors';

/** Calls the admin API of a running sandbox. */
export class AdminClient {
  constructor(readonly endpoint: string) {}

  async call<T>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(`/_sandbox/${route}`, this.endpoint), {
        method,
        headers: { [ADMIN_HEADER]: '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new SandboxNotRunningError(this.endpoint, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new AdminApiError(
        `${this.endpoint} answered ${response.status} with something that is not the sandbox admin API (is another service on that port?).`,
        response.status,
        { cause: error },
      );
    }
    if (!response.ok) {
      const message = (parsed as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
      throw new AdminApiError(message, response.status);
    }
    return parsed as T;
  }
}
