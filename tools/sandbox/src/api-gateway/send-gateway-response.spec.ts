import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayError } from './gateway-error';
import { sendGatewayResponse } from './send-gateway-response';
import type { ApiDefinition } from './types';

const DENIED: GatewayError = {
  responseType: 'ACCESS_DENIED',
  statusCode: 403,
  errorType: 'AccessDeniedException',
  messageKey: 'Message',
  message: 'User: x is not authorized',
};
const TEMPLATE =
  '{"error":{"code":"$context.error.responseType","message":$context.error.messageString,"requestId":"$context.requestId"}}';

function definition(gatewayResponses: ApiDefinition['gatewayResponses']): ApiDefinition {
  return { rootResourceId: 'r', resources: {}, validators: {}, gatewayResponses };
}

let server: Server;
let url: string;
let respond: (res: ServerResponse) => void = () => undefined;

beforeAll(async () => {
  server = createServer((_req, res) => respond(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('sendGatewayResponse', () => {
  it("answers AWS's default body without a gateway response", async () => {
    respond = (res) => sendGatewayResponse(res, DENIED, { requestId: 'req-1' });

    const response = await fetch(url);

    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.json()).toEqual({ Message: 'User: x is not authorized' });
  });

  it('renders a DEFAULT_4XX template with the error type, the message as a JSON string and the request id', async () => {
    const api = definition({
      DEFAULT_4XX: { responseType: 'DEFAULT_4XX', headers: {}, templates: { 'application/json': TEMPLATE } },
    });
    respond = (res) => sendGatewayResponse(res, { ...DENIED, message: 'say "no"' }, { requestId: 'req-2' }, api);

    const response = await fetch(url);

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'ACCESS_DENIED', message: 'say "no"', requestId: 'req-2' },
    });
  });

  it('prefers the specific type, with its status and static headers', async () => {
    const api = definition({
      DEFAULT_4XX: { responseType: 'DEFAULT_4XX', headers: {}, templates: { 'application/json': '{"generic":true}' } },
      ACCESS_DENIED: {
        responseType: 'ACCESS_DENIED',
        statusCode: 401,
        headers: { 'x-why': 'policy' },
        templates: { 'application/json': '{"specific":"$context.unknown"}' },
      },
    });
    respond = (res) => sendGatewayResponse(res, DENIED, { requestId: 'req-3' }, api);

    const response = await fetch(url);

    expect(response.status).toBe(401);
    expect(response.headers.get('x-why')).toBe('policy');
    expect(await response.json()).toEqual({ specific: '' });
  });

  it('uses DEFAULT_5XX for server-side errors', async () => {
    const api = definition({
      DEFAULT_5XX: { responseType: 'DEFAULT_5XX', headers: {}, templates: { 'application/json': TEMPLATE } },
    });
    const error: GatewayError = {
      responseType: 'INTEGRATION_TIMEOUT',
      statusCode: 504,
      errorType: 'InternalServerErrorException',
      message: 'Endpoint request timed out',
    };
    respond = (res) => sendGatewayResponse(res, error, { requestId: 'req-4' }, api);

    const response = await fetch(url);

    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      error: { code: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out', requestId: 'req-4' },
    });
  });
});
