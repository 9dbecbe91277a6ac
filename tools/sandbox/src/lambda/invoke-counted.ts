import type { Counters } from '../counters';
import type { InvokeOptions } from './lambda-function';
import type { LambdaService } from './lambda-service';
import type { InvokeResult } from './types';

/** Invokes a function and counts `lambda/Invoke`, `lambda/ColdStart` and `lambda/FunctionError`. */
export async function invokeCounted(
  counters: Counters,
  lambda: LambdaService,
  functionArn: string,
  event: unknown,
  options?: InvokeOptions,
): Promise<InvokeResult> {
  const result = await lambda.invoke(functionArn, event, options);
  counters.increment('lambda', 'Invoke');
  if (result.cold) counters.increment('lambda', 'ColdStart');
  if (result.kind === 'function-error') counters.increment('lambda', 'FunctionError');
  return result;
}
