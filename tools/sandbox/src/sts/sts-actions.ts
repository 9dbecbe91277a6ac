/** The STS actions the sandbox emulates (counted by name; fault definitions may name them). */
export const STS_ACTIONS: ReadonlySet<string> = new Set(['AssumeRole', 'GetCallerIdentity']);

/** The XML namespace of STS's awsQuery replies. */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
