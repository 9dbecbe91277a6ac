import { TemplateError } from '../../errors';
import type { ResourceHandler } from '../resource-handler';

/** AWS::KMS::Alias: `alias/<name>` for a key of the same account and region. */
export const kmsAliasHandler: ResourceHandler = {
  async apply(properties, context, previous) {
    const name = properties.AliasName;
    if (typeof name !== 'string' || !/^alias\/[\w/-]{1,250}$/.test(name) || name.startsWith('alias/aws/')) {
      throw new TemplateError(
        `${context.logicalId}.AliasName must be alias/<name> of [A-Za-z0-9/_-] and not start with alias/aws/, got ${JSON.stringify(name)}.`,
      );
    }
    const key = context.sandbox.kms.find(String(properties.TargetKeyId), context.accountId, context.region);
    if (key === undefined) {
      throw new TemplateError(`${context.logicalId}.TargetKeyId ${String(properties.TargetKeyId)}: no such key.`);
    }
    const arn = `arn:aws:kms:${context.region}:${context.accountId}:${name}`;
    if (previous !== undefined && previous.physicalId !== name) {
      context.sandbox.kms.deleteAlias(`arn:aws:kms:${context.region}:${context.accountId}:${previous.physicalId}`);
    }
    context.sandbox.kms.putAlias(arn, key.arn);
    return { physicalId: name, attributes: {} };
  },
  async delete(resource, context) {
    context.sandbox.kms.deleteAlias(`arn:aws:kms:${context.region}:${context.accountId}:${resource.physicalId}`);
  },
};
