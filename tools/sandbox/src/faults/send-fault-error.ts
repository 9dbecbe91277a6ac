import type { ServerResponse } from 'node:http';
import { sendGatewayResponse } from '../api-gateway/send-gateway-response';
import type { SandboxRequest } from '../server/sandbox-request';
import { sendJson } from '../server/send-json';
import { queryErrorXml, sendXml } from '../query/query-xml';
import { STS_NAMESPACE } from '../sts/sts-actions';
import { FAULT_ERRORS } from './fault-catalog';

/** Answers an injected `error` fault exactly as the service sends that error (status, body shape, error type). */
export function sendFaultError(
  service: 'sts' | 'dynamodb' | 'execute-api',
  code: string,
  request: SandboxRequest,
  response: ServerResponse,
): void {
  const shape = FAULT_ERRORS[service][code];
  if (shape === undefined) throw new Error(`No ${service} error ${code} in the fault catalog.`);
  switch (service) {
    case 'dynamodb':
      sendJson(
        response,
        shape.status,
        { __type: `${shape.detail ?? 'com.amazon.coral.service'}#${code}`, message: shape.message },
        'application/x-amz-json-1.0',
      );
      return;
    case 'sts':
      sendXml(
        response,
        shape.status,
        queryErrorXml(
          STS_NAMESPACE,
          code,
          shape.message,
          request.requestId,
          shape.detail === 'Receiver' ? 'Receiver' : 'Sender',
        ),
      );
      return;
    case 'execute-api':
      sendGatewayResponse(
        response,
        {
          responseType: shape.detail ?? 'DEFAULT_5XX',
          statusCode: shape.status,
          errorType: code,
          message: shape.message,
        },
        { requestId: request.requestId, sourceIp: request.remoteAddress },
      );
  }
}
