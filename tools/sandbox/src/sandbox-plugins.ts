import { lambdaApiPlugin } from './cfn/handlers/lambda-api-plugin';
import { controlPlanePlugin } from './control-plane-plugin';
import type { SandboxPlugin } from './sandbox-context';

/**
 * Plugins every `startSandbox()` installs after the built-in services: Lambda and API Gateway, whose code
 * lives in src/lambda, src/api-gateway and src/cfn/handlers; the control-plane reads (src/control-plane-plugin.ts).
 */
export const sandboxPlugins: SandboxPlugin[] = [lambdaApiPlugin, controlPlanePlugin];
