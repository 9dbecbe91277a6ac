import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signedFetch } from '@xacct/reader-client';
import { startSandbox, type Sandbox } from '../start-sandbox';
import { lambdaApiServices } from './lambda-api-services';
import { ACCOUNT, REGION, helloApiTemplate as template } from './test-support/hello-api-template';

const running: Sandbox[] = [];

async function sandboxWith(options: { dataDir?: string } = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, log: () => undefined, ...options });
  running.push(sandbox);
  return sandbox;
}

function deploy(sandbox: Sandbox, body: unknown) {
  return sandbox.deploy({ template: body, stackName: 'hello', account: ACCOUNT, region: REGION });
}

function helloUrl(sandbox: Sandbox): string {
  const api = lambdaApiServices(sandbox.context).apis.listRestApis()[0];
  return `${sandbox.endpoint}/restapis/${api?.apiId ?? 'none'}/dev/_user_request_/hello`;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

describe('Lambda and API Gateway resource handlers', () => {
  it('applies the function, API, permission and stage: the stage serves the function', async () => {
    // Arrange
    const sandbox = await sandboxWith();

    // Act
    const result = await deploy(sandbox, template());
    const root = await signedFetch(helloUrl(sandbox));
    const child = await signedFetch(`${helloUrl(sandbox)}/k%201`);

    // Assert
    expect(result.unsupported).toEqual([]);
    expect(root.status).toBe(200);
    expect(root.json).toEqual({ path: '/hello', calls: 1, color: 'blue' });
    expect(child.json).toEqual({ path: '/hello/k 1', calls: 2, color: 'blue', key: 'k 1' });
  });

  it('answers 500 when no permission lets API Gateway invoke the function', async () => {
    const sandbox = await sandboxWith();
    await deploy(sandbox, template({ permission: false }));

    const response = await signedFetch(helloUrl(sandbox));

    expect(response.status).toBe(500);
    expect(response.json).toEqual({ message: 'Internal server error' });
  });

  it("refuses a permission on another account's function", async () => {
    // Arrange: account 333333333333 has a function 'hello'; a stack in 111111111111 names it by ARN
    const sandbox = await sandboxWith();
    await sandbox.deploy({
      template: template({ permission: false }),
      stackName: 'victim',
      account: '333333333333',
      region: REGION,
    });
    const body = template() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    const permission = body.Resources['Permission'];
    if (permission === undefined) throw new Error('the template has no Permission');
    permission.Properties['FunctionName'] = `arn:aws:lambda:${REGION}:333333333333:function:hello`;

    // Act
    const failure = await deploy(sandbox, body).catch((error: unknown) => error);

    // Assert
    expect(failure).toMatchObject({
      message: expect.stringContaining(
        `FunctionName arn:aws:lambda:${REGION}:333333333333:function:hello is a function of account 333333333333, not of the stack's account 111111111111`,
      ),
    });
  });

  it('refuses a function whose role Lambda cannot assume, as CreateFunction does', async () => {
    const sandbox = await sandboxWith();

    const failure = await deploy(sandbox, template({ trustService: 'ec2.amazonaws.com' })).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({
      message: expect.stringContaining('cannot be assumed by Lambda: arn:aws:iam::111111111111:role/hello-role'),
    });
  });

  it('refuses reserved environment variables and S3 code without a cloud assembly', async () => {
    const sandbox = await sandboxWith();

    const reserved = await deploy(sandbox, template({ env: { AWS_REGION: 'eu-west-1' } })).catch(
      (error: unknown) => error,
    );
    const s3 = await deploy(sandbox, template({ code: { S3Bucket: 'b', S3Key: 'k.zip' } })).catch(
      (error: unknown) => error,
    );

    expect(reserved).toMatchObject({
      message: expect.stringContaining('Reserved keys used in this request: AWS_REGION'),
    });
    expect(s3).toMatchObject({ message: expect.stringContaining('the sandbox has no S3') });
  });

  it('replaces the warm worker on a redeploy, and removes function and API on destroy', async () => {
    const sandbox = await sandboxWith();
    await deploy(sandbox, template());
    await signedFetch(helloUrl(sandbox));
    const url = helloUrl(sandbox);

    await deploy(sandbox, template({ env: { COLOR: 'green' } }));
    const redeployed = await signedFetch(url);
    await sandbox.destroy({ stackName: 'hello', account: ACCOUNT, region: REGION });
    const destroyed = await signedFetch(url);

    expect(redeployed.json).toEqual({ path: '/hello', calls: 1, color: 'green' });
    expect(destroyed.status).toBe(404);
    expect(lambdaApiServices(sandbox.context).lambda.list()).toEqual([]);
  });

  it('serves the same API after a restart from --data-dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-restore-'));
    const first = await sandboxWith({ dataDir });
    await deploy(first, template());
    const url = helloUrl(first).replace(first.endpoint, '');
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await sandboxWith({ dataDir });
    const response = await signedFetch(`${second.endpoint}${url}`);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ path: '/hello', calls: 1, color: 'blue' });
  });
});
