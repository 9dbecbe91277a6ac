import { lambdaApiPlugin } from './cfn/handlers/lambda-api-plugin';
import type { SandboxPlugin } from './sandbox-context';

/**
 * Plugins every `startSandbox()` installs after the built-in services. Part 2 (Lambda worker, API Gateway)
 * adds its plugin here; its code lives in src/lambda, src/api-gateway and src/cfn/handlers.
 */
export const sandboxPlugins: SandboxPlugin[] = [lambdaApiPlugin];
