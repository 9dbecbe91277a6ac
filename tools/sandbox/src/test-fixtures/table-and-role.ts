/** A small hand-written template: a table, a role reading it (inline policy) and an extra AWS::IAM::Policy. */
export function tableAndRoleTemplate(
  options: { actions?: string[]; gsi?: boolean; roleName?: string; retainTable?: boolean } = {},
): Record<string, unknown> {
  return {
    Parameters: {
      BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
    },
    Rules: { CheckBootstrapVersion: { Assertions: [] } },
    Resources: {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        ...(options.retainTable === false ? {} : { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }),
        Properties: {
          TableName: 'things',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            ...(options.gsi === true ? [{ AttributeName: 'kind', AttributeType: 'S' }] : []),
          ],
          ...(options.gsi === true
            ? {
                GlobalSecondaryIndexes: [
                  {
                    IndexName: 'byKind',
                    KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }],
                    Projection: { ProjectionType: 'ALL' },
                  },
                ],
              }
            : {}),
        },
      },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: options.roleName ?? 'things-reader',
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'read',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: options.actions ?? ['dynamodb:GetItem'],
                    Resource: { 'Fn::GetAtt': ['Table', 'Arn'] },
                  },
                ],
              },
            },
          ],
        },
      },
      ScanPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'scan',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }],
          },
          Roles: [{ Ref: 'Role' }],
        },
      },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:xyz' } },
    },
    Outputs: {
      TableArn: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] } },
      RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } },
    },
  };
}
