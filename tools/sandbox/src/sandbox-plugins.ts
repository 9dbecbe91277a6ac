import { controlPlanePlugin } from './control-plane-plugin';
import { lambdaApiPlugin } from './lambda-api/lambda-api-plugin';
import type { SandboxPlugin } from './sandbox-context';

/**
 * Plugins every `startSandbox()` installs after the built-in services: Lambda and API Gateway, whose code
 * lives in src/lambda, src/api-gateway and src/lambda-api; the control-plane reads (src/control-plane-plugin.ts).
 */
export const sandboxPlugins: SandboxPlugin[] = [lambdaApiPlugin, controlPlanePlugin];
