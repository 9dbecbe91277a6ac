import type { PolicyDocument } from './policy-document';

/**
 * The few AWS-managed policies the project's templates attach, by ARN suffix (`arn:<partition>:iam::aws:policy/<suffix>`).
 * Unknown managed policies grant nothing; the deploy result lists them as a note.
 */
const awsManagedPolicies: Readonly<Record<string, PolicyDocument>> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
  // The DynamoDB read actions of the real ReadOnlyAccess (the sandbox emulates no other service it covers).
  ReadOnlyAccess: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGet*',
          'dynamodb:Describe*',
          'dynamodb:Get*',
          'dynamodb:List*',
          'dynamodb:PartiQLSelect',
          'dynamodb:Query',
          'dynamodb:Scan',
        ],
        Resource: '*',
      },
    ],
  },
};

/** The document of an AWS-managed policy ARN, or undefined when the sandbox does not know it. */
export function awsManagedPolicy(arn: string): PolicyDocument | undefined {
  const match = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn);
  return match?.[1] === undefined ? undefined : awsManagedPolicies[match[1]];
}
