import { stackName, type Stage } from '@xacct/config';
import type { SandboxContext } from '../sandbox-context';
import { sandboxUrlOf } from './sandbox-url-of';

/**
 * The sandbox URL (no trailing slash) of the REST API that a stage's deployed source stack outputs as `ApiUrl`. By
 * stack, not by account: several stages (`local`, `local-history`) may each have an API in the same source account.
 */
export function deployedApiUrl(context: SandboxContext, endpoint: string, stage: Stage): string {
  const name = stackName(stage, 'source');
  const stack = context.stacks.get(stage.source.accountId, stage.source.region, name);
  const url = sandboxUrlOf(stack?.outputs['ApiUrl'] ?? '', endpoint);
  if (url === undefined) {
    throw new Error(
      `${name} is not deployed in ${stage.source.accountId}/${stage.source.region} (no ApiUrl output): deploy source-infra --stage ${stage.name} first`,
    );
  }
  return url.replace(/\/$/, '');
}
