import { APIGatewayClient, APIGatewayServiceException, GetAccountCommand } from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkApiGatewayLoggingRole, type CheckApiGatewayLoggingRoleInput } from './check-api-gateway-logging-role';

const apigw = mockClient(APIGatewayClient);
const client = new APIGatewayClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
});
const input = (over: Partial<CheckApiGatewayLoggingRoleInput> = {}): CheckApiGatewayLoggingRoleInput => ({
  profile: 'source-admin',
  accountId: '123456789012',
  region: 'eu-west-1',
  client,
  timeoutMs: 200,
  ...over,
});
const apiError = (name: string, status: number): APIGatewayServiceException =>
  new APIGatewayServiceException({
    name,
    message: `${name} from the mock`,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

describe('checkApiGatewayLoggingRole', () => {
  beforeEach(() => apigw.reset());

  it("returns the account's CloudWatch Logs role with one GetAccount call", async () => {
    apigw
      .on(GetAccountCommand)
      .resolves({ cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs' });
    await expect(checkApiGatewayLoggingRole(input())).resolves.toBe(
      'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs',
    );
    expect(apigw.commandCalls(GetAccountCommand)).toHaveLength(1);
  });

  it('says how to set the role, with the IAM propagation retry, when the account has none', async () => {
    apigw.on(GetAccountCommand).resolves({});
    const failure = checkApiGatewayLoggingRole(input());
    await expect(failure).rejects.toMatchObject({ code: 'APIGATEWAY_LOGGING_ROLE_MISSING' });
    const { message } = (await failure.catch((e: unknown) => e)) as Error;
    expect(message).toContain('API Gateway in account 123456789012 (eu-west-1) has no CloudWatch Logs role');
    expect(message).toContain(
      'aws apigateway update-account --patch-operations op=replace,path=/cloudWatchRoleArn,value=arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs --region eu-west-1 --profile source-admin',
    );
    expect(message).toContain('policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs --profile source-admin');
    expect(message).toContain('wait 10 seconds and run it again');
  });

  it('uses the partition of the region in the commands', async () => {
    apigw.on(GetAccountCommand).resolves({ cloudwatchRoleArn: '' });
    await expect(checkApiGatewayLoggingRole(input({ region: 'cn-north-1', profile: undefined }))).rejects.toMatchObject(
      {
        message: expect.stringContaining(
          'value=arn:aws-cn:iam::123456789012:role/apigateway-cloudwatch-logs --region cn-north-1\n',
        ),
      },
    );
  });

  it('names the permission GetAccount needs when it is denied', async () => {
    apigw.on(GetAccountCommand).rejects(apiError('AccessDeniedException', 403));
    await expect(checkApiGatewayLoggingRole(input())).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('needs apigateway:GET on arn:aws:apigateway:eu-west-1::/account'),
    });
  });

  it('reports throttling and 5xx as a failed check, and the next check recovers', async () => {
    apigw
      .on(GetAccountCommand)
      .rejectsOnce(apiError('TooManyRequestsException', 429))
      .rejectsOnce(apiError('ServiceUnavailableException', 503))
      .resolves({ cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/r' });
    await expect(checkApiGatewayLoggingRole(input())).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('(TooManyRequestsException:'),
    });
    await expect(checkApiGatewayLoggingRole(input())).rejects.toMatchObject({
      message: expect.stringContaining('(ServiceUnavailableException:'),
    });
    await expect(checkApiGatewayLoggingRole(input())).resolves.toBe('arn:aws:iam::123456789012:role/r');
  });

  it('ends a hung call at its deadline', async () => {
    apigw.on(GetAccountCommand).callsFake(() => new Promise(() => undefined));
    await expect(checkApiGatewayLoggingRole(input({ timeoutMs: 100 }))).rejects.toMatchObject({
      code: 'PREFLIGHT_FAILED',
      message: expect.stringContaining('did not answer within 0.1 s'),
    });
  });
});
