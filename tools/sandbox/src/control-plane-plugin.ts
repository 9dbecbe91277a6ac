import { lambdaApiServices } from './lambda-api/lambda-api-services';
import { createCloudFormationHandler } from './cloudformation/create-cloudformation-handler';
import { createIamApiHandler } from './iam/create-iam-api-handler';
import { createLambdaApiHandler, LAMBDA_API_PREFIX } from './lambda/create-lambda-api-handler';
import { isQueryRequestFor } from './query/is-query-request';
import type { SandboxPlugin } from './sandbox-context';

/**
 * The control-plane reads operators (doctor) and the AWS CLI use: CloudFormation DescribeStacks/ListStacks,
 * IAM GetRole/ListRolePolicies/GetRolePolicy, Lambda GetFunctionConfiguration/Invoke. (DynamoDB's
 * DescribeContinuousBackups lives in the DynamoDB front.)
 */
export const controlPlanePlugin: SandboxPlugin = (sandbox) => {
  sandbox.server.route('cloudformation', isQueryRequestFor('cloudformation'), createCloudFormationHandler(sandbox));
  sandbox.server.route('iam', isQueryRequestFor('iam'), createIamApiHandler(sandbox));
  sandbox.server.mount(LAMBDA_API_PREFIX, createLambdaApiHandler(sandbox, lambdaApiServices(sandbox).lambda));
};
