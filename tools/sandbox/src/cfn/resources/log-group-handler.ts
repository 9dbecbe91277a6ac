import { TemplateError } from '../../errors';
import type { ResourceHandler } from '../resource-handler';
import { generatePhysicalName } from './generate-physical-name';

/**
 * AWS::Logs::LogGroup: recorded so roles can reference its ARN (log writes are not stored; retention and
 * encryption have no local effect).
 */
export const logGroupHandler: ResourceHandler = {
  apply(properties, context, previous) {
    const name =
      typeof properties.LogGroupName === 'string'
        ? properties.LogGroupName
        : (previous?.physicalId ?? generatePhysicalName(context.stackName, context.logicalId, 512));
    if (!/^[\w#./-]{1,512}$/.test(name))
      return Promise.reject(new TemplateError(`LogGroupName '${name}' is invalid (1-512 of [A-Za-z0-9_-/.#]).`));
    return Promise.resolve({
      physicalId: name,
      attributes: { Arn: `arn:aws:logs:${context.region}:${context.accountId}:log-group:${name}:*` },
    });
  },
  delete() {
    return Promise.resolve();
  },
};
