import nx from '@nx/eslint-plugin';

/**
 * Module boundaries are the architecture (see DESIGN.md): libs never import apps/infra/tools,
 * source and target never import each other, aws-cdk-lib never reaches the Lambda bundle.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/cdk.out', '**/node_modules', '.nx', 'tmp', '**/vitest.config.*.timestamp*'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:lib',
              onlyDependOnLibsWithTags: ['type:lib'],
              bannedExternalImports: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag', '@cloud-copilot/*'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:lib'],
              bannedExternalImports: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag', '@cloud-copilot/*'],
            },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:lib', 'type:infra-lib'] },
            // CDK helpers shared by the infra apps (nag checks, stage context); never reachable from the Lambda.
            { sourceTag: 'type:infra-lib', onlyDependOnLibsWithTags: ['type:lib', 'type:infra-lib'] },
            // Tools synthesize the infra apps (e2e, bench): they may use the infra helpers, never deploy them.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool', 'type:infra-lib'] },
            { sourceTag: 'scope:source', onlyDependOnLibsWithTags: ['scope:source', 'scope:shared'] },
            { sourceTag: 'scope:target', onlyDependOnLibsWithTags: ['scope:target', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier[imported.name='z'], ImportNamespaceSpecifier)",
          message:
            'Import zod functions by name: the `z` namespace drags every zod locale (~170 KB) into the Lambda bundle.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workspace config files import root helpers by path on purpose; they are not part of any project's code.
    files: ['**/eslint.config.mjs', '**/vitest.config.ts', 'vitest.shared.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/test-support/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
