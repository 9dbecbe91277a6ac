import { RemovalPolicy } from 'aws-cdk-lib';
import { ArnPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** A role of another (or this) account that may decrypt the table through DynamoDB. */
export interface KeyUser {
  readonly accountId: string;
  readonly roleArn: string;
}

export interface TableKeyProps {
  /** `alias/<name>` for the key. */
  readonly aliasName: string;
  /** The table's region: decryption is allowed only via `dynamodb.<region>.amazonaws.com`. */
  readonly region: string;
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: string;
  /** The roles that read the table (the reader role in resource-policy mode, the access role in assume-role mode). */
  readonly users: readonly KeyUser[];
  /**
   * What happens to the key when it leaves the stack. Deleting it makes the table's data unreadable.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The table's customer managed key, with yearly rotation. Administration stays with the target account (CDK's default
 * key policy: the account root, delegating to IAM). Each user may Decrypt and DescribeKey only through DynamoDB in the
 * table's region, named by account root + `aws:PrincipalArn` (KMS refuses a principal that does not exist yet).
 */
export class TableKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: TableKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: props.aliasName,
      description: 'Encrypts the cross-account reader table',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const [i, user] of props.users.entries()) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          sid: `DecryptViaDynamoDB${i}`,
          principals: [new ArnPrincipal(`arn:${props.partition}:iam::${user.accountId}:root`)],
          actions: ['kms:Decrypt', 'kms:DescribeKey'],
          resources: ['*'],
          conditions: {
            StringEquals: {
              'aws:PrincipalArn': user.roleArn,
              'kms:ViaService': `dynamodb.${props.region}.amazonaws.com`,
            },
          },
        }),
      );
    }
  }
}
