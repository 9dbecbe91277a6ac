import { setTimeout as sleep } from 'node:timers/promises';
import { LambdaServiceError, type LambdaServiceErrorCode } from '../errors';
import type { InvokeOptions } from '../lambda/lambda-function';
import type { InvokeResult } from '../lambda/types';
import { FAULT_ERRORS } from './fault-catalog';
import type { FaultInjector } from './fault-injector';

type Invoke = (functionArn: string, event: unknown, options?: InvokeOptions) => Promise<InvokeResult>;

/**
 * Faults on API Gateway's call to Lambda (service `lambda`, action `Invoke`, account of the function):
 * `latency` delays the invoke, `hang` never returns (API Gateway's integration timeout answers 504; removing
 * the fault fails the invoke), `error` fails it with the Lambda error code, `reset` runs the function but loses
 * its answer, as a dropped connection would. API Gateway answers a failed invoke with 500.
 */
export function withLambdaFaults(faults: FaultInjector, invoke: Invoke): Invoke {
  return async (functionArn, event, options) => {
    const decision = faults.decide('lambda', 'Invoke', () => functionArn.split(':')[4]);
    if (decision === undefined) return invoke(functionArn, event, options);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    const fault = decision.fault;
    switch (fault?.kind) {
      case undefined:
        return invoke(functionArn, event, options);
      case 'hang':
        return new Promise<InvokeResult>((_resolve, reject) => {
          faults.hold(fault.id, () =>
            reject(new LambdaServiceError('ServiceException', `The invocation was released by removing ${fault.id}.`)),
          );
        });
      case 'error': {
        const code = (fault.error ?? 'ServiceException') as LambdaServiceErrorCode;
        throw new LambdaServiceError(code, FAULT_ERRORS.lambda[code]?.message ?? code);
      }
      case 'reset':
        await invoke(functionArn, event, options);
        throw new LambdaServiceError(
          'ConnectionReset',
          'The connection to Lambda was reset before the result arrived.',
        );
    }
  };
}
