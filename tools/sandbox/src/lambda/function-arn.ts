/**
 * The full ARN of a function given as Lambda accepts it: a name, a partial ARN (`<account>:function:<name>`)
 * or a full ARN (qualifiers such as `:$LATEST` are dropped: the sandbox runs `$LATEST` only).
 */
export function functionArn(nameOrArn: string, accountId: string, region: string): string {
  const full = /^arn:aws[\w-]*:lambda:([\w-]+):(\d{12}):function:([\w-]+)(?::[\w$-]+)?$/.exec(nameOrArn);
  if (full) return `arn:aws:lambda:${full[1]}:${full[2]}:function:${full[3]}`;
  const partial = /^(\d{12}):function:([\w-]+)(?::[\w$-]+)?$/.exec(nameOrArn);
  if (partial) return `arn:aws:lambda:${region}:${partial[1]}:function:${partial[2]}`;
  return `arn:aws:lambda:${region}:${accountId}:function:${nameOrArn}`;
}
