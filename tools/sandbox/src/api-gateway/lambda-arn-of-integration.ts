/**
 * The function ARN inside a Lambda proxy integration URI
 * (`arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations`).
 */
export function lambdaArnOfIntegration(uri: string | undefined): string | undefined {
  const match =
    /:lambda:path\/[\d-]+\/functions\/(arn:[^/]+:lambda:[^/]+:\d{12}:function:[^/:]+)(?::[^/]+)?\/invocations$/.exec(
      uri ?? '',
    );
  return match?.[1];
}
