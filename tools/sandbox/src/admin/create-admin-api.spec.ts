import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { tableAndRoleTemplate } from '../test-fixtures/table-and-role';
import { ADMIN_HEADER } from './admin-header';

describe('admin API', () => {
  let sandbox: Sandbox;
  const call = (
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = { [ADMIN_HEADER]: '1' },
  ) =>
    fetch(`${sandbox.endpoint}/_sandbox/${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('health names the endpoint, the accounts and the resource types', async () => {
    // Act
    const response = await call('GET', 'health');
    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      endpoint: sandbox.endpoint,
      accounts: ['111111111111', '222222222222', '333333333333'],
      resourceTypes: expect.arrayContaining(['AWS::DynamoDB::GlobalTable', 'AWS::IAM::Role', 'AWS::IAM::Policy']),
    });
  });

  it('refuses calls without the admin header (a web page cannot drive it)', async () => {
    // Act
    const response = await call('GET', 'accounts', undefined, {});
    // Assert
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).not.toContain('AKIA');
  });

  it('deploys a template object and lists the stack', async () => {
    // Act
    const deployed = await call('POST', 'deploy', {
      template: tableAndRoleTemplate(),
      stackName: 'things',
      account: '222222222222',
      region: 'us-east-1',
    });
    const stacks = await call('GET', 'stacks');
    // Assert
    expect(deployed.status).toBe(200);
    expect(await stacks.json()).toMatchObject({
      stacks: [
        {
          stackName: 'things',
          accountId: '222222222222',
          outputs: { TableArn: 'arn:aws:dynamodb:us-east-1:222222222222:table/things' },
        },
      ],
    });
  });

  it('lists an API URL output in its AWS form and, next to it, the local URL this sandbox serves it at', async () => {
    // Arrange
    const awsUrl = 'https://abc123def4.execute-api.us-east-1.amazonaws.com/prod/';
    const template = { ...tableAndRoleTemplate(), Outputs: { ApiUrl: { Value: awsUrl } } };
    // Act
    await call('POST', 'deploy', { template, stackName: 'api', account: '111111111111', region: 'us-east-1' });
    const { stacks } = (await (await call('GET', 'stacks')).json()) as {
      stacks: Array<{ stackName: string; outputs: Record<string, string>; localOutputs: Record<string, string> }>;
    };
    // Assert
    expect(stacks.find((s) => s.stackName === 'api')).toMatchObject({
      outputs: { ApiUrl: awsUrl },
      localOutputs: { ApiUrl: `${sandbox.endpoint}/restapis/abc123def4/prod/_user_request_/` },
    });
  });

  it('answers destroy of a stack that is not deployed with 200 NOT_DEPLOYED and a note', async () => {
    // Act
    const response = await call('POST', 'destroy', { stackName: 'x', account: '222222222222', region: 'us-east-1' });
    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'NOT_DEPLOYED',
      deleted: [],
      retained: [],
      notes: [expect.stringContaining('x: not deployed, nothing to destroy (account 222222222222, region us-east-1;')],
    });
  });

  it.each([
    ['a body that is not JSON', 'POST', 'deploy', '{nope', 400, 'expects a JSON object body'],
    ['a missing field', 'POST', 'destroy', { stackName: 'x', account: '222222222222' }, 400, "Missing 'region'"],
    [
      'an invalid account',
      'POST',
      'deploy',
      { template: { Resources: {} }, stackName: 'x', account: '12', region: 'us-east-1' },
      400,
      "Account id must be 12 digits, got '12'",
    ],
    ['an unknown route', 'GET', 'nothing', undefined, 404, 'No admin route GET /_sandbox/nothing'],
  ])('answers %s with a clear JSON error', async (_name, method, route, body, status, message) => {
    // Act
    const response = await call(method, route, body);
    // Assert
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
  });
});
