// verdict's own lint. The pipeline walls: each stage may import only the stages before it
// (discover -> collect -> link -> probes -> rules -> evaluate -> render / store), with knowledge/ a leaf they all read.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const STAGES = ['discover', 'collect', 'link', 'probes', 'rules', 'evaluate', 'render', 'store', 'serve', 'verify'];
const LATER = {
  discover: ['collect', 'link', 'probes', 'rules', 'evaluate', 'render', 'store', 'serve', 'verify', 'commands'],
  collect: ['link', 'probes', 'rules', 'evaluate', 'render', 'store', 'serve', 'verify', 'commands'],
  // link reads collect's facts, discover's layout, knowledge and util; nothing after it.
  link: ['probes', 'rules', 'evaluate', 'render', 'store', 'serve', 'verify', 'commands'],
  probes: ['rules', 'evaluate', 'render', 'store', 'serve', 'verify', 'commands'],
  rules: ['evaluate', 'render', 'store', 'serve', 'verify', 'commands'],
  evaluate: ['render', 'store', 'serve', 'verify', 'commands'],
  render: ['link', 'probes', 'rules', 'evaluate', 'store', 'serve', 'verify', 'commands', 'collect', 'discover'],
};

const walls = Object.entries(LATER).map(([stage, banned]) => ({
  files: [`src/${stage}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: banned.flatMap((b) => [`../${b}/*`, `../../${b}/*`, `../../../${b}/*`, `../${b}`, `../../${b}`]).map((group) => ({
        group: [group], message: `the ${stage} stage may not import a later stage (${group})`,
      })),
    }],
  },
}));

// knowledge/ is data every stage reads: it imports nothing of verdict's own (no stage, no util), so a
// descriptor can never depend on how a stage happens to work.
const knowledgeWall = {
  files: ['src/knowledge/**/*.ts'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{ group: ['../*', '../../*'], message: 'knowledge/ is a leaf: it imports nothing from the rest of src/' }],
      paths: ['fs', 'node:fs', 'child_process', 'node:child_process'].map((name) => ({ name, message: 'knowledge/ is data' })),
    }],
  },
};

const noIo = {
  files: ['src/rules/**/*.ts'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net']
        .map((name) => ({ name, message: 'rules never touch the disk, start processes or use the network' })),
      patterns: [
        ...[...LATER.rules.flatMap((b) => [`../${b}/*`, `../../${b}/*`]), '../probes/runner*', '../../probes/runner*']
          .map((g) => ({ group: [g], message: 'rules may not import later stages or the process runner' })),
        // Facts are read through their declaration (collect/facts/<collector>.ts); the route collectors have none yet.
        { group: ['../collect/collectors/*', '../../collect/collectors/*', '!**/collectors/routes*'], message: 'rules read facts through collect/facts/, not collector internals' },
      ],
    }],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...walls,
  knowledgeWall,
  noIo,
);
void STAGES;
