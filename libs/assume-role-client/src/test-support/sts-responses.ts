import type { FakeResponse } from './start-fake-aws-endpoint';

/** STS (query protocol) XML bodies for the fake endpoint. */
export const stsResponses = {
  assumeRole(credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    expiration: Date;
  }): FakeResponse {
    return {
      status: 200,
      contentType: 'text/xml',
      body:
        '<AssumeRoleResponse><AssumeRoleResult><Credentials>' +
        `<AccessKeyId>${credentials.accessKeyId}</AccessKeyId>` +
        `<SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>` +
        `<SessionToken>${credentials.sessionToken}</SessionToken>` +
        `<Expiration>${credentials.expiration.toISOString()}</Expiration>` +
        '</Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId>' +
        '<Arn>arn:aws:sts::222222222222:assumed-role/xacct-devices-access/s</Arn></AssumedRoleUser>' +
        '</AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></AssumeRoleResponse>',
    };
  },
  error(status: number, code: string, message: string): FakeResponse {
    return {
      status,
      contentType: 'text/xml',
      body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r2</RequestId></ErrorResponse>`,
    };
  },
};
