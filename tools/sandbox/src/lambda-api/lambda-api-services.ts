import { ApiGatewayService } from '../api-gateway/api-gateway-service';
import { LambdaService } from '../lambda/lambda-service';
import type { SandboxContext } from '../sandbox-context';

/** The Lambda and API Gateway state of one running sandbox. */
export interface LambdaApiServices {
  readonly lambda: LambdaService;
  readonly apis: ApiGatewayService;
}

const bySandbox = new WeakMap<SandboxContext, LambdaApiServices>();

/**
 * The sandbox's Lambda and API Gateway services, created on first use: the Lambda service assumes execution
 * roles through the sandbox's STS as `lambda.amazonaws.com` and points workers at the sandbox's endpoint.
 */
export function lambdaApiServices(sandbox: SandboxContext): LambdaApiServices {
  let services = bySandbox.get(sandbox);
  if (!services) {
    const lambda = new LambdaService({
      credentials: async (roleArn, sessionName) => {
        const session = await sandbox.assumeRoleAsService(roleArn, 'lambda.amazonaws.com', sessionName);
        return {
          accessKeyId: session.accessKeyId,
          secretAccessKey: session.secretAccessKey,
          sessionToken: session.sessionToken,
          expiration: session.expiration,
        };
      },
      get sandboxEndpoint() {
        return sandbox.endpoint();
      },
    });
    services = { lambda, apis: new ApiGatewayService() };
    bySandbox.set(sandbox, services);
  }
  return services;
}
