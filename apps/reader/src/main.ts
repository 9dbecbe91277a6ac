import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { parseReaderEnv } from '@xacct/config';
import { createTargetClient } from './create-target-client';
import { unmarshallNumber } from './format/unmarshall-number';
import { createHandler } from './handler/create-handler';
import { xraySubsegments } from './tracing/xray-subsegments';

// Module scope: runs once per environment. A bad environment fails the init with one message naming every variable.
const env = parseReaderEnv();
// POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE win when set (an explicit option would override them).
const serviceName = process.env['POWERTOOLS_SERVICE_NAME'] || 'xacct-reader';
const logger = new Logger({ serviceName });
const metrics = new Metrics({ serviceName, namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] || 'XacctReader' });
const { client, credentials } = createTargetClient(env, {
  // Every N keeps its exact digits (a number when it writes back the same, else a NumberValue): the response format
  // decides how to write it.
  translateConfig: { unmarshallOptions: { wrapNumbers: unmarshallNumber } },
  stsPlugins: [xraySubsegments('STS', env.targetRegion)],
});
// Active tracing (source-infra) shows STS and DynamoDB calls as subsegments, without the X-Ray SDK in the bundle.
client.middlewareStack.use(xraySubsegments('DynamoDB', env.targetRegion));

export const handler = createHandler({ env, client, ...(credentials ? { credentials } : {}), logger, metrics });
