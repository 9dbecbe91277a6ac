import baseConfig from '../../eslint.config.mjs';

// The bench drives the sandbox programmatically (startSandbox), which Nx counts as importing an application
// because tools/sandbox is also runnable. Allow exactly that import; every other boundary rule stays as in the root.
const RULE = '@nx/enforce-module-boundaries';
const withSandboxAllowed = baseConfig.map((entry) => {
  const rule = entry.rules?.[RULE];
  if (!Array.isArray(rule)) return entry;
  const [level, options] = rule;
  return {
    ...entry,
    rules: { ...entry.rules, [RULE]: [level, { ...options, allow: [...(options.allow ?? []), '@xacct/sandbox'] }] },
  };
});

export default withSandboxAllowed;
