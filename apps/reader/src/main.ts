import { Logger } from '@aws-lambda-powertools/logger';
import { createAssumeRoleCredentials, createTargetDocumentClient, sessionNameFor } from '@xacct/assume-role-client';
import { parseReaderEnv } from '@xacct/config';
import { createHandler } from './handler/create-handler';
import { toJsonNumber } from './handler/to-json-number';

// Module scope: runs once per container. A bad environment fails the init with one message naming every variable.
const env = parseReaderEnv();
const logger = new Logger({ serviceName: 'xacct-reader' });
const credentials = createAssumeRoleCredentials({
  roleArn: env.targetRoleArn,
  externalId: env.externalId,
  sourceIdentity: env.sourceIdentity,
  sessionName: sessionNameFor(env.functionName),
  durationSeconds: env.sessionDurationSeconds,
  region: env.targetRegion,
});
const client = createTargetDocumentClient({
  credentials,
  region: env.targetRegion,
  translateConfig: { unmarshallOptions: { wrapNumbers: toJsonNumber } },
});

export const handler = createHandler({ env, client, credentialStats: () => credentials.stats, logger });
