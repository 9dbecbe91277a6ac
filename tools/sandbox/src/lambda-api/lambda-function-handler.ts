import { existsSync } from 'node:fs';
import { TemplateError } from '../errors';
import { reservedEnvNames } from '../lambda/reserved-env-names';
import { resolveNodeRuntime } from '../lambda/resolve-node-runtime';
import { parseRoleArn } from '../iam/parse-role-arn';
import type { LambdaCredentials, LambdaFunctionConfig } from '../lambda/types';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { generatePhysicalName } from '../cfn/resources/generate-physical-name';
import { lambdaApiServices } from './lambda-api-services';
import { resolveLambdaCodeDir } from './resolve-lambda-code-dir';

/**
 * AWS::Lambda::Function: code from the cloud assembly, Handler, Runtime (Node.js only), MemorySize, Timeout,
 * Environment, Role (which Lambda must be able to assume, checked at deploy as CreateFunction does),
 * ReservedConcurrentExecutions, LoggingConfig. A redeploy replaces the warm workers.
 */
export const lambdaFunctionHandler: ResourceHandler = {
  async apply(properties, context, previous) {
    const { lambda } = lambdaApiServices(context.sandbox);
    const name =
      typeof properties['FunctionName'] === 'string'
        ? properties['FunctionName']
        : (previous?.physicalId ?? generatePhysicalName(context.stackName, context.logicalId, 64));
    if (!/^[\w-]{1,64}$/.test(name))
      throw new TemplateError(`FunctionName '${name}' is invalid (1-64 of [A-Za-z0-9_-]).`);
    const arn = `arn:aws:lambda:${context.region}:${context.accountId}:function:${name}`;
    if (lambda.get(arn) && previous?.physicalId !== name) {
      throw new TemplateError(
        `Function ${name} already exists in account ${context.accountId} (created by another stack?).`,
      );
    }
    const config = functionConfig(properties, context, name, arn);
    const credentials = await executionRoleCredentials(context, config);
    lambda.deploy(config, credentials);
    return { physicalId: name, attributes: { Arn: arn }, data: config };
  },
  async delete(resource, context) {
    await lambdaApiServices(context.sandbox).lambda.remove(String(resource.attributes['Arn']));
  },
  restore(resource, context) {
    const config = resource.data as LambdaFunctionConfig;
    if (!existsSync(config.codeDir)) context.note(`code directory ${config.codeDir} is gone: redeploy the stack.`);
    lambdaApiServices(context.sandbox).lambda.deploy(config);
    return Promise.resolve();
  },
};

function functionConfig(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
  functionName: string,
  functionArn: string,
): LambdaFunctionConfig {
  const { logicalId } = context;
  const runtime = properties['Runtime'];
  if (typeof runtime !== 'string' || !runtime.startsWith('nodejs')) {
    throw new TemplateError(
      `${logicalId}: Runtime '${String(runtime)}' is not emulated; the sandbox runs Node.js functions (nodejs*.x).`,
    );
  }
  const node = resolveNodeRuntime(runtime);
  if (node.note !== undefined) context.note(`${logicalId}: ${node.note}`);
  const handler = properties['Handler'];
  if (typeof handler !== 'string' || !handler.includes('.')) {
    throw new TemplateError(`${logicalId}: Handler must be '<file>.<export>', got '${String(handler)}'.`);
  }
  const role = properties['Role'];
  if (typeof role !== 'string' || parseRoleArn(role) === undefined) {
    throw new TemplateError(`${logicalId}: Role must be an IAM role ARN, got '${String(role)}'.`);
  }
  const memorySize = numberIn(properties['MemorySize'], 128, 128, 10_240, `${logicalId}.MemorySize`);
  const timeoutSeconds = numberIn(properties['Timeout'], 3, 1, 900, `${logicalId}.Timeout`);
  const environment = stringRecord((properties['Environment'] as { Variables?: unknown } | undefined)?.Variables);
  const reserved = reservedEnvNames(environment);
  if (reserved.length > 0) {
    throw new TemplateError(
      `${logicalId}: Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const logging = (properties['LoggingConfig'] ?? {}) as Record<string, unknown>;
  for (const [key, what] of [
    ['Layers', 'Layers are not emulated (the code must be self-contained, as a bundle is).'],
    ['VpcConfig', 'VpcConfig has no effect (workers run on loopback).'],
    ['TracingConfig', 'X-Ray tracing is not emulated.'],
    ['Architectures', 'Architectures: workers run on the host CPU.'],
  ] as const) {
    if (properties[key] !== undefined) context.note(what);
  }
  const reservedConcurrency = properties['ReservedConcurrentExecutions'];
  return {
    functionName,
    functionArn,
    accountId: context.accountId,
    region: context.region,
    handler,
    codeDir: resolveLambdaCodeDir(properties['Code'], functionName, context),
    runtime,
    memorySize,
    timeoutSeconds,
    environment,
    roleArn: role,
    ...(reservedConcurrency === undefined ? {} : { reservedConcurrency: Number(reservedConcurrency) }),
    ...(logging['LogFormat'] === 'JSON' ? { logFormat: 'JSON' as const } : {}),
    ...(typeof logging['ApplicationLogLevel'] === 'string'
      ? { applicationLogLevel: logging['ApplicationLogLevel'] }
      : {}),
    ...(typeof logging['LogGroup'] === 'string' ? { logGroupName: logging['LogGroup'] } : {}),
  };
}

/** CreateFunction fails when Lambda cannot assume the role; the session is handed to the first workers. */
async function executionRoleCredentials(
  context: ResourceContext,
  config: LambdaFunctionConfig,
): Promise<LambdaCredentials> {
  try {
    const session = await context.sandbox.assumeRoleAsService(
      config.roleArn,
      'lambda.amazonaws.com',
      config.functionName,
    );
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: session.expiration,
    };
  } catch (error) {
    throw new TemplateError(
      `${context.logicalId}: The role defined for the function cannot be assumed by Lambda: ${config.roleArn} (its trust policy must allow the service principal lambda.amazonaws.com).`,
      { cause: error },
    );
  }
}

function numberIn(value: unknown, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new TemplateError(`${what} must be a number ${min}..${max}, got '${String(value)}'.`);
  }
  return number;
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new TemplateError('Environment.Variables must be an object of strings.');
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]));
}
