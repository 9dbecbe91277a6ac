import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SourceInfraError } from '../errors';

export interface ReaderFunctionProps {
  /** Directory holding the esbuild bundle `main.mjs` (exports `handler`). */
  readonly bundleDir: string;
  /** Execution role; passed as is, the function adds no policies to it. */
  readonly role: IRole;
  /** Log group the function writes to (its retention lives there). */
  readonly logGroup: ILogGroup;
  /** The reader's environment (libs/config readerEnvFromStage). */
  readonly environment: Record<string, string>;
  /**
   * @default - a CloudFormation-generated name
   */
  readonly functionName?: string;
  /**
   * @default 256 (MB; arm64, one SDK client and small JSON pages)
   */
  readonly memorySize?: number;
  /**
   * Must stay below API Gateway's 29 s integration timeout so the caller gets the function's own error.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * @default Tracing.ACTIVE
   */
  readonly tracing?: Tracing;
  /**
   * Concurrent executions reserved for (and capped at) this function. AWS refuses a value that would leave the
   * account's unreserved concurrency below 100.
   * @default - none: the function draws from the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
}

/** The reader Lambda from reader's bundle: Node.js 24 on arm64, JSON logs, active tracing. */
export class ReaderFunction extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: ReaderFunctionProps) {
    super(scope, id);
    const entry = join(props.bundleDir, 'main.mjs');
    if (!existsSync(entry)) {
      throw new SourceInfraError(
        'READER_BUNDLE_MISSING',
        `${entry} not found: build the reader first with \`npx nx build reader\` (\`npx nx synth source-infra\` does it for you)`,
      );
    }
    const timeout = props.timeout ?? Duration.seconds(10);
    if (timeout.toSeconds() >= 29) {
      throw new SourceInfraError(
        'TIMEOUT_TOO_LONG',
        `timeout ${timeout.toSeconds()} s: must be below API Gateway's 29 s integration timeout, or callers get a bare 504`,
      );
    }
    this.function = new LambdaFunction(this, 'Function', {
      ...(props.functionName ? { functionName: props.functionName } : {}),
      description: 'Reads the target account table through the cross-account access role',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      // Only the bundle: the source map, esbuild's metafile and openapi.json are build artifacts, not runtime code.
      code: Code.fromAsset(props.bundleDir, { exclude: ['*', '!main.mjs'] }),
      handler: 'main.handler',
      role: props.role,
      memorySize: props.memorySize ?? 256,
      timeout,
      tracing: props.tracing ?? Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: props.environment,
      logGroup: props.logGroup,
      loggingFormat: LoggingFormat.JSON,
    });
  }
}
