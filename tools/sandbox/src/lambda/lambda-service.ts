import { LambdaServiceError } from '../errors';
import { arnGlobMatch } from './arn-glob-match';
import { LambdaFunction, type InvokeOptions, type LambdaFunctionOptions } from './lambda-function';
import type { InvokeResult, LambdaCounters, LambdaCredentials, LambdaFunctionConfig } from './types';

/** A resource-based policy statement of a function (`AWS::Lambda::Permission`). */
export interface LambdaPermission {
  statementId: string;
  functionArn: string;
  action: string;
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
}

/** Who asks to invoke a function through a service integration. */
export interface InvokeCaller {
  principal: string;
  sourceArn: string;
  sourceAccount: string;
}

/** The sandbox's Lambda: deployed functions of every account, their permissions and counters. */
export class LambdaService {
  private readonly functions = new Map<string, LambdaFunction>();
  private readonly permissions = new Map<string, LambdaPermission>();

  constructor(private readonly options: LambdaFunctionOptions) {}

  /** Creates the function, or updates it (warm workers are replaced: the next call is a cold start). */
  deploy(config: LambdaFunctionConfig, credentials?: LambdaCredentials): LambdaFunction {
    const existing = this.functions.get(config.functionArn);
    if (existing) {
      existing.update(config, credentials);
      return existing;
    }
    const fn = new LambdaFunction(config, this.options, credentials);
    this.functions.set(config.functionArn, fn);
    return fn;
  }

  async remove(functionArn: string): Promise<void> {
    const fn = this.functions.get(functionArn);
    this.functions.delete(functionArn);
    for (const [key, permission] of this.permissions) {
      if (permission.functionArn === functionArn) this.permissions.delete(key);
    }
    await fn?.stop();
  }

  /** Echoes every function's log lines (prefixed with its name), e.g. to the console of `npm start`; undefined stops. */
  setEcho(echo: ((line: string) => void) | undefined): void {
    if (echo) this.options.echo = echo;
    else delete this.options.echo;
  }

  get(functionArn: string): LambdaFunction | undefined {
    return this.functions.get(functionArn);
  }

  list(): LambdaFunction[] {
    return [...this.functions.values()];
  }

  async invoke(functionArn: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult> {
    const fn = this.functions.get(functionArn);
    if (!fn) throw new LambdaServiceError('FunctionNotFound', `Function not found: ${functionArn}`);
    return fn.invoke(event, options);
  }

  addPermission(permission: LambdaPermission): void {
    this.permissions.set(`${permission.functionArn}#${permission.statementId}`, permission);
  }

  removePermission(functionArn: string, statementId: string): void {
    this.permissions.delete(`${functionArn}#${statementId}`);
  }

  /** Whether the function's resource policy lets this service principal invoke it from this source. */
  isInvokeAllowed(functionArn: string, caller: InvokeCaller): boolean {
    for (const permission of this.permissions.values()) {
      if (permission.functionArn !== functionArn) continue;
      if (!['lambda:InvokeFunction', 'lambda:*', '*'].includes(permission.action)) continue;
      if (permission.principal !== caller.principal && permission.principal !== '*') continue;
      if (permission.sourceArn !== undefined && !arnGlobMatch(permission.sourceArn, caller.sourceArn)) continue;
      if (permission.sourceAccount !== undefined && permission.sourceAccount !== caller.sourceAccount) continue;
      return true;
    }
    return false;
  }

  /** Totals over all functions plus per-function counters (by name). */
  counters(): LambdaCounters & { functions: Record<string, ReturnType<LambdaFunction['counters']>> } {
    const total: LambdaCounters = { invocations: 0, coldStarts: 0, errors: 0, timeouts: 0, crashes: 0 };
    const functions: Record<string, ReturnType<LambdaFunction['counters']>> = {};
    for (const fn of this.functions.values()) {
      const c = fn.counters();
      functions[fn.name] = c;
      for (const key of Object.keys(total) as Array<keyof LambdaCounters>) total[key] += c[key];
    }
    return { ...total, functions };
  }

  async stop(): Promise<void> {
    const all = [...this.functions.values()];
    this.functions.clear();
    this.permissions.clear();
    await Promise.all(all.map((fn) => fn.stop()));
  }
}
