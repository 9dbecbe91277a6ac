/** The CLI's help text. */
export const USAGE = `Usage: npx tsx tools/sandbox/src/cli.ts <command> [options]   (or: npx nx serve sandbox [-- options])

Commands:
  serve    [--port 4566] [--host 127.0.0.1] [--data-dir <dir>] [--latency none|aws]
           Start the local two-account AWS sandbox (STS, DynamoDB, admin API) and stay up until Ctrl-C.
           --latency aws adds in-region AWS-like delays (a model; see tools/sandbox/README.md).
  deploy   [--template] <file> --account <12 digits> --region <region> [--stack-name <name>] [--assembly <cdk.out dir>]
           Apply a synthesized CloudFormation template to the running sandbox (stack name: from the file name by default).
  destroy  --stack-name <name> --account <id> --region <region>
           Delete a stack's resources (DeletionPolicy Retain keeps them, e.g. the table and its items).
  seed     --account <id> --region <region> --table <name> [--count N] [--key-name deviceId]
           Write the sample items (d0001, d0002 and N generated ones) through the IAM-checked DynamoDB endpoint.
  stats    [--reset] [--json]
           Request counters per service and action.
  fault    add --service sts|dynamodb|execute-api|lambda --kind latency|hang|error|reset [--action AssumeRole]
               [--account <id>] [--error <AWS code>] [--ms N] [--jitter-ms N] [--count N] [--probability P] [--seed S]
           fault list [--json] | fault remove <id> | fault clear
           Inject faults into client requests (in memory only; removing a hang closes the connections it holds).
  accounts Print the admin access keys of every account.
  credentials --role-arn <arn> [--as-service lambda.amazonaws.com] [--session-name <name>] [--region us-east-1]
           Print \`export AWS_ACCESS_KEY_ID=...\` lines (keys, session token, region, sandbox endpoints) for a session of
           the role: as the service gets it (the role's trust must allow it), or else assumed by the role account's
           admin. \`eval "$(... credentials ...)"\`, then replay calls with the AWS CLI, e.g. the Lambda's AssumeRole.

Client commands reach the sandbox at --endpoint, $SANDBOX_ENDPOINT or http://127.0.0.1:4566.
`;
