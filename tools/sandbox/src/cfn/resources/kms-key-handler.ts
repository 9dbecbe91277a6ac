import { randomUUID } from 'node:crypto';
import { TemplateError } from '../../errors';
import { validatePolicy } from '../../iam/validate-policy';
import type { ResourceHandler } from '../resource-handler';

/**
 * AWS::KMS::Key: a key id, its ARN and its key policy, which the DynamoDB front checks for kms:Decrypt on every
 * item call of a table encrypted with it. No cryptography: items are stored as before. Symmetric keys only.
 */
export const kmsKeyHandler: ResourceHandler = {
  async apply(properties, context, previous) {
    const spec = properties.KeySpec ?? 'SYMMETRIC_DEFAULT';
    if (spec !== 'SYMMETRIC_DEFAULT' || (properties.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
      throw new TemplateError(`${context.logicalId}: only symmetric ENCRYPT_DECRYPT keys are emulated.`);
    }
    const policy = await validatePolicy(properties.KeyPolicy, 'resource', `${context.logicalId}.KeyPolicy`);
    const keyId = previous?.physicalId ?? randomUUID();
    const arn = `arn:aws:kms:${context.region}:${context.accountId}:key/${keyId}`;
    context.sandbox.kms.putKey({
      arn,
      keyId,
      accountId: context.accountId,
      region: context.region,
      policy,
      rotation: properties.EnableKeyRotation === true,
    });
    return { physicalId: keyId, attributes: { Arn: arn, KeyId: keyId } };
  },
  async delete(resource, context) {
    // AWS schedules the deletion (7-30 days); here the key is gone at once, and so is every table's access to it.
    context.sandbox.kms.deleteKey(String(resource.attributes.Arn));
  },
};
