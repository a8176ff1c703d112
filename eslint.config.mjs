// House rules as lint (issue 2, item 9). Type-aware rules need the TS program, so lint runs
// with the project's tsconfig.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

const frameworkImports = [
  { group: ['@nestjs/*'], message: 'Domain code is plain TypeScript: no NestJS here.' },
  { group: ['typeorm', 'typeorm/*'], message: 'Domain code is plain TypeScript: no TypeORM here.' },
  { group: ['bullmq', 'bullmq/*'], message: 'Domain code is plain TypeScript: no BullMQ here.' },
  { group: ['ioredis', 'ioredis/*'], message: 'Domain code is plain TypeScript: no Redis here.' },
  {
    // A lib's root index also exports its Nest module and entities; pure code takes the pure entry.
    regex: '^@vpp/(access|congestion|config|dispatch|fleet|flexibility|markets|mobility|observability|ocpi|ocpp|oem|persistence|privacy|queues|settlement|telemetry|testing)$',
    message: 'Pure code imports a lib\'s domain files (e.g. @vpp/flexibility/domain), not its root index, which loads Nest and TypeORM.',
  },
];

// Money and settled quantities never go through a JS number (STYLE.md 9.6).
const noFloatParsing = [
  { selector: "CallExpression[callee.name='parseFloat']", message: 'No parseFloat: parse decimals with parseDecimal from @vpp/units.' },
  { selector: "CallExpression[callee.object.name='Number'][callee.property.name='parseFloat']", message: 'No Number.parseFloat: use parseDecimal.' },
  { selector: "CallExpression[callee.name='Number']", message: 'No Number(): parse decimals with parseDecimal; integers with Number.parseInt and a radix.' },
  { selector: "CallExpression[callee.property.name='toNumber']", message: 'No toNumber(): keep Decimal across boundaries (float64 only in optimisation code, through the named conversion).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...noFloatParsing],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @vpp/config only.' }],
    },
  },
  {
    files: ['libs/config/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['libs/*/src/domain/**/*.ts', 'libs/optimizer/**/*.ts', 'libs/units/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: frameworkImports }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-commented-out-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
      'jest/valid-expect': 'error',
      'jest/no-conditional-expect': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
