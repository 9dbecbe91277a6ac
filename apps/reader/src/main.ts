import { Logger } from '@aws-lambda-powertools/logger';
import { parseReaderEnv } from '@xacct/config';
import { createTargetClient } from './create-target-client';
import { createHandler } from './handler/create-handler';
import { toJsonNumber } from './handler/to-json-number';

// Module scope: runs once per container. A bad environment fails the init with one message naming every variable.
const env = parseReaderEnv();
const logger = new Logger({ serviceName: 'xacct-reader' });
const { client, credentialStats } = createTargetClient(env, { unmarshallOptions: { wrapNumbers: toJsonNumber } });

export const handler = createHandler({ env, client, credentialStats, logger });
