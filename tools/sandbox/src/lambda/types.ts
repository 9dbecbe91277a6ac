/** What the sandbox needs to run one deployed function, read from its CloudFormation resource. */
export interface LambdaFunctionConfig {
  functionName: string;
  functionArn: string;
  accountId: string;
  region: string;
  /** `<file>.<export>`, as in the template's `Handler`. */
  handler: string;
  /** The directory holding the code (the cloud assembly's asset directory). */
  codeDir: string;
  runtime: string;
  /** @default 128 */
  memorySize?: number;
  /** @default 3 */
  timeoutSeconds?: number;
  /** The template's `Environment.Variables`. */
  environment?: Record<string, string>;
  /** Execution role; its temporary credentials are given to the worker. */
  roleArn: string;
  /** `ReservedConcurrentExecutions`, when the template sets it. */
  reservedConcurrency?: number;
  /** `LoggingConfig.LogFormat`: with `JSON` the runtime writes console output as JSON lines. @default 'Text' */
  logFormat?: 'Text' | 'JSON';
  /** `LoggingConfig.ApplicationLogLevel` (JSON format only). */
  applicationLogLevel?: string;
  /** `LoggingConfig.LogGroup`. @default /aws/lambda/<functionName> */
  logGroupName?: string;
}

/** Temporary credentials of the execution role, as the Lambda service hands them to a runtime. */
export interface LambdaCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** Obtains the execution role's credentials (AssumeRole as `lambda.amazonaws.com`). */
export type LambdaCredentialsProvider = (roleArn: string, sessionName: string) => Promise<LambdaCredentials>;

/** Per-invocation facts the runtime exposes through the handler's `context`. */
export interface InvokeContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  deadlineMs: number;
}

/**
 * The outcome of one invocation, like the Lambda Invoke API: a payload, or a function error
 * (`X-Amz-Function-Error`) with Lambda's error shape. Callers map these, API Gateway to 502.
 */
export type InvokeResult =
  | { kind: 'ok'; payload: string; requestId: string; cold: boolean }
  | {
      kind: 'function-error';
      errorType: string;
      errorMessage: string;
      requestId: string;
      cold: boolean;
    };

/** Counters a benchmark or test asserts on. */
export interface LambdaCounters {
  invocations: number;
  coldStarts: number;
  errors: number;
  timeouts: number;
  crashes: number;
}
