import type { LambdaCredentials, LambdaFunctionConfig } from './types';

/**
 * The environment of one worker: a clean one (nothing leaks from the sandbox's own shell, such as a
 * developer's real AWS profile), the template's variables, what the Lambda runtime sets, and the
 * sandbox endpoints so the unchanged AWS SDK inside the bundle talks to the sandbox.
 */
export function buildLambdaEnv(
  config: LambdaFunctionConfig,
  credentials: LambdaCredentials,
  sandboxEndpoint: string,
  logStreamName: string,
): Record<string, string> {
  const memory = String(config.memorySize ?? 128);
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    ...config.environment,
    _HANDLER: config.handler,
    LAMBDA_TASK_ROOT: config.codeDir,
    LAMBDA_RUNTIME_DIR: config.codeDir,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName ?? `/aws/lambda/${config.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    ...(config.logFormat === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}),
    ...(config.logFormat === 'JSON' && config.applicationLogLevel
      ? { AWS_LAMBDA_LOG_LEVEL: config.applicationLogLevel }
      : {}),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_ENDPOINT_URL_STS: sandboxEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: sandboxEndpoint,
    // Keep the SDK away from any shared config/credentials files of the host.
    AWS_CONFIG_FILE: '/nonexistent/sandbox-lambda/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/sandbox-lambda/credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
