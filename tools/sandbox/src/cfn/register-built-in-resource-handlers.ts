import type { ResourceHandlerRegistry } from './resource-handler-registry';
import { dynamodbTableHandler } from './resources/dynamodb-table-handler';
import { iamManagedPolicyHandler } from './resources/iam-managed-policy-handler';
import { iamPolicyHandler } from './resources/iam-policy-handler';
import { iamRoleHandler } from './resources/iam-role-handler';
import { kmsAliasHandler } from './resources/kms-alias-handler';
import { kmsKeyHandler } from './resources/kms-key-handler';
import { logGroupHandler } from './resources/log-group-handler';

/** The resource types part 1 applies: DynamoDB tables, IAM roles and policies, KMS keys and aliases, log groups. */
export function registerBuiltInResourceHandlers(registry: ResourceHandlerRegistry): void {
  registry.register('AWS::DynamoDB::Table', dynamodbTableHandler('Table'));
  registry.register('AWS::DynamoDB::GlobalTable', dynamodbTableHandler('GlobalTable'));
  registry.register('AWS::IAM::Role', iamRoleHandler);
  registry.register('AWS::IAM::Policy', iamPolicyHandler);
  registry.register('AWS::IAM::ManagedPolicy', iamManagedPolicyHandler);
  registry.register('AWS::KMS::Key', kmsKeyHandler);
  registry.register('AWS::KMS::Alias', kmsAliasHandler);
  registry.register('AWS::Logs::LogGroup', logGroupHandler);
}
