import { AwsServiceError, TemplateError } from '../errors';
import { awsManagedPolicy } from '../iam/aws-managed-policies';
import type { PolicyDocument } from '../iam/policy-document';
import { validatePolicy } from '../iam/validate-policy';

/**
 * The session policy of an AssumeRole request: the inline `Policy` and the `PolicyArns` merged into one document
 * (an allow in any of them counts, as in AWS), or undefined when the request has neither.
 * @throws AwsServiceError ValidationError / MalformedPolicyDocument, as STS answers.
 */
export async function sessionPolicyOf(
  policy: string | undefined,
  policyArns: readonly string[],
): Promise<PolicyDocument | undefined> {
  if (policy === undefined && policyArns.length === 0) return undefined;
  if (policy !== undefined && policy.length > 2048) {
    throw new AwsServiceError(
      'ValidationError',
      "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048",
      400,
    );
  }
  if (policyArns.length > 10) {
    throw new AwsServiceError(
      'ValidationError',
      "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10",
      400,
    );
  }
  const documents: PolicyDocument[] = [];
  if (policy !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy);
    } catch (error) {
      throw new AwsServiceError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.', 400, {
        cause: error,
      });
    }
    try {
      documents.push(await validatePolicy(parsed, 'identity', 'Policy'));
    } catch (error) {
      if (error instanceof TemplateError)
        throw new AwsServiceError('MalformedPolicyDocument', error.message, 400, { cause: error });
      throw error;
    }
  }
  for (const arn of policyArns) {
    const document = awsManagedPolicy(arn);
    if (document === undefined) {
      throw new AwsServiceError(
        'ValidationError',
        `The sandbox does not know the managed policy ${arn} (it knows AdministratorAccess, ReadOnlyAccess, service-role/AWSLambdaBasicExecutionRole); use an inline Policy.`,
        400,
      );
    }
    documents.push(document);
  }
  const statements = documents.flatMap((document) =>
    Array.isArray(document.Statement) ? document.Statement : [document.Statement],
  );
  return { Version: '2012-10-17', Statement: statements };
}
