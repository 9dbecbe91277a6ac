import { createApiGatewayHandler } from '../api-gateway/api-gateway-handler';
import { withFaults } from '../faults/with-faults';
import { withLambdaFaults } from '../faults/with-lambda-faults';
import { isAllowed } from '../iam/is-allowed';
import { invokeCounted } from '../lambda/invoke-counted';
import type { SandboxContext, SandboxPlugin } from '../sandbox-context';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { createLambdaApiAdmin } from './create-lambda-api-admin';
import { lambdaApiServices } from './lambda-api-services';
import { registerLambdaApiHandlers } from './register-lambda-api-handlers';

/**
 * The sandbox's Lambda and API Gateway: Lambda functions run in warm workers, REST APIs served under `/restapis/`
 * (IAM-authorized, throttled), their CloudFormation handlers and admin routes. Counts `lambda/Invoke`,
 * `lambda/ColdStart`, `lambda/FunctionError` and `apigateway/<status>` in the sandbox's counters.
 */
export const lambdaApiPlugin: SandboxPlugin = (sandbox: SandboxContext) => {
  registerLambdaApiHandlers(sandbox.resourceHandlers);
  const { lambda, apis } = lambdaApiServices(sandbox);
  const handler = createApiGatewayHandler({
    apis,
    lambda: {
      invoke: withLambdaFaults(sandbox.faults, (functionArn, event, options) =>
        invokeCounted(sandbox.counters, lambda, functionArn, event, options),
      ),
      isInvokeAllowed: (functionArn, caller) => lambda.isInvokeAllowed(functionArn, caller),
    },
    verify: (request) => verifySigV4(request, 'execute-api', sandbox.keys),
    authorize: ({ identity, resource, resourceAccount, resourcePolicy }) =>
      isAllowed({
        principal: { kind: 'identity', identity, policies: sandbox.iam.identityPolicies(identity) },
        action: 'execute-api:Invoke',
        resource,
        resourceAccount,
        ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
      }),
    log: (line) => sandbox.log(line),
  });
  // The account of an invoke URL is the API's owner; unknown APIs match no account-scoped fault.
  const apiTarget = (request: { path: string }) => ({
    action: 'Invoke',
    account: () => apis.listRestApis().find((api) => api.apiId === request.path.split('/')[2])?.accountId,
  });
  sandbox.server.mount(
    '/restapis/',
    withFaults(sandbox, 'execute-api', apiTarget, async (request, response) => {
      await handler(request, response);
      sandbox.counters.increment('apigateway', String(response.statusCode));
    }),
  );
  const admin = createLambdaApiAdmin(sandbox);
  for (const prefix of ['/_sandbox/apis', '/_sandbox/functions', '/_sandbox/throttle'])
    sandbox.server.mount(prefix, admin);
  sandbox.onStop(() => lambda.stop());
};
