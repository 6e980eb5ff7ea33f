import { describe, expect, it } from 'vitest';
import { BUN_DEFAULT_EXPORT_SERVE, bunRunsFiles } from './index.js';

describe('bun serves the default export of the file it runs', () => {
  it('reads the entry file of a bun command line, after its flags', () => {
    expect(BUN_DEFAULT_EXPORT_SERVE.source).toMatch(/^https:\/\//);
    expect(bunRunsFiles('bun run --hot index.ts')).toEqual(['index.ts']);
    expect(bunRunsFiles('bun --watch ./src/server.ts')).toEqual(['src/server.ts']);
    expect(bunRunsFiles('NODE_ENV=production bun run src/main.ts && echo done')).toEqual(['src/main.ts']);
    expect(bunRunsFiles('bun run --preload ./setup.ts src/app.ts')).toEqual(['src/app.ts']);
  });

  it('is no entry file when bun runs a script, a subcommand or nothing', () => {
    expect(bunRunsFiles('bun test --preload ./test-setup.ts')).toEqual([]);
    expect(bunRunsFiles('bun db:generate && bun db:migrate')).toEqual([]);
    expect(bunRunsFiles('drizzle-kit generate')).toEqual([]);
    expect(bunRunsFiles('node index.js')).toEqual([]);
    expect(bunRunsFiles('bunx tsc')).toEqual([]);
  });
});
