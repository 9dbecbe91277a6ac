/** The STS actions the sandbox emulates (counted by name; fault definitions may name them). */
export const STS_ACTIONS: ReadonlySet<string> = new Set(['AssumeRole', 'GetCallerIdentity']);
