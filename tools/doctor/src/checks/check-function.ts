import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { readerEnvFromStage, readerRoleArn, stackName } from '@xacct/config';
import { findStackInAssembly, InfraError } from '@xacct/infra';
import { fail, pass, type CheckOutcome } from '../check-result';
import { awsCliTail, nxDeploy, type DoctorContext } from '../doctor-context';
import { errorName, errorText } from '../error-text';
import { functionNameOf } from '../function-name-of';

/**
 * Check 6: the function's configuration (lambda:GetFunctionConfiguration) carries exactly the env the contract
 * derives, the reader role, and the runtime and architecture of the synthesized template (when dist/ holds it).
 */
export async function checkFunction(context: DoctorContext): Promise<CheckOutcome> {
  const { stage } = context;
  const access = context.access.source;
  if (access === undefined) throw new Error('checkFunction needs source access');
  const name = functionNameOf(context);
  const deploy = nxDeploy(context, 'source-infra');
  const client = new LambdaClient(access.clientConfig);
  try {
    const config = await client.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    const problems: string[] = [];
    const wanted = readerEnvFromStage(stage);
    const actual = config.Environment?.Variables ?? {};
    const envProblems = [
      ...Object.entries(wanted)
        .filter(([key, value]) => actual[key] !== value)
        .map(([key, value]) => (key in actual ? differs(key, actual[key], value) : `${key} is missing`)),
      ...Object.keys(actual)
        .filter((key) => !(key in wanted))
        .map((key) => `${key} is set but not part of the contract`),
    ];
    problems.push(...envProblems.map((p) => `env ${p}`));
    if (config.Role !== readerRoleArn(stage))
      problems.push(`role is ${config.Role ?? 'unset'}, the contract derives ${readerRoleArn(stage)}`);
    const synthesized = synthesizedFunction(context, name);
    if (typeof synthesized !== 'string') {
      if (config.Runtime !== synthesized.runtime)
        problems.push(`runtime is ${config.Runtime}, synthesized ${synthesized.runtime}`);
      const arch = (config.Architectures ?? ['x86_64']).join(',');
      if (arch !== synthesized.architectures)
        problems.push(`architecture is ${arch}, synthesized ${synthesized.architectures}`);
    }
    if (problems.length > 0) {
      // CloudFormation does not see a hand edit: an unchanged template deploys nothing, so aws stages reset the env directly.
      const fix =
        envProblems.length > 0 && problems.length === envProblems.length && stage.kind === 'aws'
          ? `aws lambda update-function-configuration --function-name ${name} --environment '${JSON.stringify({ Variables: wanted })}'${awsCliTail(context, 'source')}`
          : `${deploy}   # resets the function to the template`;
      return fail(`function ${name} differs from the contract`, problems.join('; '), fix);
    }
    return pass(
      `${name}: env as the contract derives (${Object.keys(wanted).length} variables), role ${config.Role}, ${config.Runtime} ${(config.Architectures ?? []).join(',')}${typeof synthesized === 'string' ? ` (${synthesized})` : ', as synthesized'}`,
    );
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException')
      return fail(`function ${name} does not exist`, errorText(error), deploy);
    return fail(
      `cannot read function ${name}`,
      errorText(error),
      `aws lambda get-function-configuration --function-name ${name}${awsCliTail(context, 'source')}   # the source credentials need lambda:GetFunctionConfiguration`,
    );
  } finally {
    client.destroy();
  }
}

/** The ExternalId is never shown back in messages (as everywhere in this project). */
function differs(key: string, actual: string | undefined, wanted: string): string {
  if (key === 'EXTERNAL_ID') return "EXTERNAL_ID differs from the stage's externalId";
  return `${key} is '${actual ?? ''}', the contract derives '${wanted}'`;
}

/** Runtime and architectures of the function in the synthesized source template, or why they are not compared. */
function synthesizedFunction(
  context: DoctorContext,
  functionName: string,
): { runtime: string; architectures: string } | string {
  const synth = `npx nx synth source-infra --stage ${context.stage.name}`;
  try {
    const stack = findStackInAssembly(
      join(context.workspaceRoot, 'dist/apps/source-infra/cdk.out'),
      stackName(context.stage, 'source'),
      synth,
    );
    const template = JSON.parse(readFileSync(stack.templatePath, 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    };
    const fn = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.['FunctionName'] === functionName,
    );
    if (fn === undefined)
      return `runtime and architecture not compared: the synthesized template has no function ${functionName}`;
    const architectures = fn.Properties?.['Architectures'];
    return {
      runtime: String(fn.Properties?.['Runtime']),
      architectures: Array.isArray(architectures) ? architectures.join(',') : 'x86_64',
    };
  } catch (error) {
    if (error instanceof InfraError) return `runtime and architecture not compared: no synthesized template (${synth})`;
    throw error;
  }
}
