import { AwsServiceError } from '../errors';
import { queryResultXml, sendQueryError, sendXml } from '../query/query-xml';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { assumeRole } from './assume-role';
import { escapeXml } from './escape-xml';
import { STS_ACTIONS, STS_NAMESPACE } from './sts-actions';

/** STS over the awsQuery protocol: AssumeRole and GetCallerIdentity, with AWS's XML replies and errors. */
export function createStsHandler(sandbox: SandboxContext): SandboxRouteHandler {
  return async (request, response) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const action = form.get('Action') ?? '';
    // Only the emulated actions are counted by name: garbage cannot grow the counter map.
    sandbox.counters.increment('sts', STS_ACTIONS.has(action) ? action : action === '' ? '(none)' : '(unknown)');
    try {
      const { identity, region } = await verifySigV4(request, 'sts', sandbox.keys);
      if (action === 'GetCallerIdentity') {
        const result =
          `    <Arn>${escapeXml(identity.arn)}</Arn>\n    <UserId>${escapeXml(identity.userId)}</UserId>\n` +
          `    <Account>${identity.accountId}</Account>\n`;
        sendXml(response, 200, queryResultXml(STS_NAMESPACE, action, result, request.requestId));
        return;
      }
      if (action === 'AssumeRole') {
        const unsupported = [...form.keys()].filter((key) =>
          /^(Tags|TransitiveTagKeys|SerialNumber|TokenCode|ProvidedContexts)/.test(key),
        );
        if (unsupported.length > 0) {
          throw new AwsServiceError(
            'ValidationError',
            `The sandbox does not emulate these AssumeRole parameters: ${[...new Set(unsupported.map((k) => k.split('.')[0]))].join(', ')}.`,
            400,
          );
        }
        const policyArns = [...form.entries()]
          .filter(([key]) => /^PolicyArns\.member\.\d+\.arn$/.test(key))
          .map(([, value]) => value);
        const credentials = await assumeRole(sandbox, identity, {
          requestedRegion: region,
          ...optional('roleArn', form.get('RoleArn')),
          ...optional('roleSessionName', form.get('RoleSessionName')),
          ...optional('durationSeconds', form.get('DurationSeconds')),
          ...optional('externalId', form.get('ExternalId')),
          ...optional('sourceIdentity', form.get('SourceIdentity')),
          ...optional('policy', form.get('Policy')),
          policyArns,
        });
        const result =
          (credentials.sourceIdentity === undefined
            ? ''
            : `    <SourceIdentity>${escapeXml(credentials.sourceIdentity)}</SourceIdentity>\n`) +
          `    <AssumedRoleUser>\n      <AssumedRoleId>${escapeXml(credentials.assumedRoleId)}</AssumedRoleId>\n` +
          `      <Arn>${escapeXml(credentials.assumedRoleArn)}</Arn>\n    </AssumedRoleUser>\n` +
          `    <Credentials>\n      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>\n` +
          `      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>\n` +
          `      <SessionToken>${credentials.sessionToken}</SessionToken>\n` +
          `      <Expiration>${credentials.expiration.toISOString()}</Expiration>\n    </Credentials>\n` +
          (form.has('Policy') || policyArns.length > 0
            ? `    <PackedPolicySize>${Math.max(1, Math.ceil(((form.get('Policy') ?? '').length / 2048) * 100))}</PackedPolicySize>\n`
            : '');
        sendXml(response, 200, queryResultXml(STS_NAMESPACE, action, result, request.requestId));
        return;
      }
      throw new AwsServiceError(
        'InvalidAction',
        action === ''
          ? 'The request is missing the Action parameter.'
          : `Could not find operation ${action} for version 2011-06-15 (the sandbox emulates AssumeRole and GetCallerIdentity).`,
        400,
      );
    } catch (error) {
      if (!sendQueryError(response, STS_NAMESPACE, error, request.requestId)) throw error;
    }
  };
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}
