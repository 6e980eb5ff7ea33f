import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './schema-sync-at-startup.js';

const pkg = (deps: Record<string, string> = { typeorm: '0.3' }) => JSON.stringify({ name: 'svc', main: 'dist/server.js', scripts: { start: 'node src/server.js', seed: 'node scripts/seed.js' }, dependencies: deps });
const dataSource = (options: string) => `import { DataSource } from 'typeorm';\nexport const dataSource = new DataSource({ type: 'postgres', ${options} });\n`;
const server = (body: string) => `import { dataSource } from './data-source';\nasync function main() {\n  await dataSource.initialize();\n  ${body}\n}\nmain();\n`;
const shown = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${at([f])[0]} ${f.severity}`);

describe('database/schema-sync-at-startup: drops at start (TypeORM)', () => {
  it('reports dataSource.synchronize(true) in the service\'s start path as critical', async () => {
    const fs = await runRule(rule, { 'package.json': pkg(), 'src/data-source.ts': dataSource('synchronize: false'), 'src/server.ts': server('await dataSource.synchronize(true);') });
    expect(shown(fs)).toEqual(['src/server.ts:4 critical']);
    expect(fs[0].message).toContain('dataSource.synchronize(true)');
  });

  it('is not critical where no production entry loads the file (the audit lowers unreached code)', async () => {
    const fs = await runRule(rule, { 'package.json': pkg(), 'src/data-source.ts': dataSource('synchronize: false'), 'src/server.ts': server(''), 'src/reset.ts': "import { dataSource } from './data-source';\nexport const reset = () => dataSource.synchronize(true);\n" });
    expect(shown(fs)).toEqual(['src/reset.ts:2 low']);
  });

  it('reports dropSchema: true in the data source options as critical', async () => {
    const fs = await runRule(rule, { 'package.json': pkg(), 'src/data-source.ts': dataSource('dropSchema: true'), 'src/server.ts': server('') });
    expect(shown(fs)).toEqual(['src/data-source.ts:2 critical']);
  });

  it('does not report synchronize() without the drop flag, dropSchema off or from the environment', async () => {
    const fs = await runRule(rule, {
      'package.json': pkg(), 'src/data-source.ts': dataSource("dropSchema: process.env.NODE_ENV === 'test'"),
      'src/server.ts': server('await dataSource.synchronize(); await dataSource.synchronize(false);'),
    });
    expect(shown(fs)).toEqual([]);
  });

  it('does not report synchronize(true) in a package that does not depend on TypeORM, nor in a script or a test', async () => {
    expect(shown(await runRule(rule, { 'package.json': pkg({ express: '4' }), 'src/store.ts': 'export const store = { synchronize(x: boolean) { return x; } };\n', 'src/server.ts': "import { store } from './store';\nstore.synchronize(true);\n" }))).toEqual([]);
    expect(shown(await runRule(rule, {
      'package.json': pkg(), 'src/data-source.ts': dataSource('synchronize: false'), 'src/server.ts': server(''),
      'scripts/seed.ts': "import { dataSource } from '../src/data-source';\ndataSource.synchronize(true);\n",
      'test/setup.ts': "import { dataSource } from '../src/data-source';\ndataSource.synchronize(true);\n",
    }))).toEqual([]);
  });
});
