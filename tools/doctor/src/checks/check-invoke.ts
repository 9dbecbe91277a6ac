import { randomUUID } from 'node:crypto';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { buildProxyEvent } from '@xacct/sandbox';
import { fail, pass, type CheckOutcome } from '../check-result';
import { awsCliTail, type DoctorContext } from '../doctor-context';
import { errorText } from '../error-text';
import { functionNameOf } from '../function-name-of';
import { readerErrorCode, readerErrorFix } from '../reader-error-fix';

/**
 * Check 7: a direct lambda:Invoke with the API event of `GET /items?limit=1` answers 200; otherwise the reader's
 * mapped error code and its fix.
 */
export async function checkInvoke(context: DoctorContext): Promise<CheckOutcome> {
  const access = context.access.source;
  if (access === undefined) throw new Error('checkInvoke needs source access');
  const name = functionNameOf(context);
  const event = buildProxyEvent({
    method: 'GET',
    path: '/items',
    searchParams: new URLSearchParams('limit=1'),
    headers: { host: 'doctor.invalid', 'user-agent': 'xacct-doctor' },
    body: Buffer.alloc(0),
    resourcePath: '/items',
    resourceId: 'doctor',
    pathParameters: {},
    stage: 'v1',
    stageVariables: {},
    apiId: 'doctor',
    accountId: access.accountId,
    requestId: randomUUID(),
    domainName: 'doctor.invalid',
    sourceIp: '127.0.0.1',
  });
  const client = new LambdaClient(access.clientConfig);
  try {
    const result = await client.send(
      new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }),
    );
    const payload = Buffer.from(result.Payload ?? []).toString('utf8');
    if (result.FunctionError !== undefined) {
      const error = JSON.parse(payload || '{}') as { errorType?: string; errorMessage?: string };
      return fail(
        `function ${name} crashed (${error.errorType ?? result.FunctionError})`,
        `${error.errorType ?? 'Error'}: ${(error.errorMessage ?? '').split('\n')[0]} (an invalid env fails the cold start: see check 6)`,
        readerErrorFix(context, undefined, name),
      );
    }
    const response = JSON.parse(payload) as { statusCode?: number; body?: string };
    if (response.statusCode === 200) return pass(`GET /items?limit=1 through lambda:Invoke of ${name} answered 200`);
    const code = readerErrorCode(response.body);
    return fail(
      `GET /items?limit=1 answered ${response.statusCode ?? '?'} ${code ?? ''}`.trim(),
      `the function answered ${response.statusCode ?? '?'}: ${response.body ?? ''}`,
      readerErrorFix(context, code, name),
    );
  } catch (error) {
    return fail(
      `cannot invoke ${name}`,
      errorText(error),
      `aws lambda invoke --function-name ${name} /dev/stdout${awsCliTail(context, 'source')}   # the source credentials need lambda:InvokeFunction`,
    );
  } finally {
    client.destroy();
  }
}
