import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import { importersOf } from '../shared/lockfiles.js';
import rule from './lockfile.js';

const manifest = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ name: 'svc', dependencies: deps, devDependencies: dev }, null, 2);
const npmLock = (deps: Record<string, string>, dev: Record<string, string> = {}) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'svc', dependencies: deps, devDependencies: dev } } });
const pnpmLock = (deps: Record<string, string>) => [
  "lockfileVersion: '9.0'", 'importers:', '  .:', '    dependencies:',
  ...Object.entries(deps).flatMap(([k, v]) => [`      ${k}:`, `        specifier: ${v}`, '        version: 1.0.0']),
].join('\n');

describe('ci/lockfile', () => {
  it('stays silent on lockfiles in sync (npm, pnpm, yarn v1, yarn berry) and on packages without dependencies', async () => {
    expect(await runRule(rule, { 'package.json': manifest({ hono: '^4.0.0' }, { vitest: '^4.0.0' }), 'package-lock.json': npmLock({ hono: '^4.0.0' }, { vitest: '^4.0.0' }) })).toEqual([]);
    expect(await runRule(rule, { 'package.json': manifest({ hono: '^4.0.0', zod: '4.1.0' }), 'pnpm-lock.yaml': pnpmLock({ hono: '^4.0.0', zod: '4.1.0' }) })).toEqual([]);
    expect(await runRule(rule, { 'package.json': manifest({ hono: '^4.0.0' }), 'yarn.lock': '# yarn lockfile v1\n\nhono@^4.0.0, hono@^4.1.0:\n  version "4.2.0"\n' })).toEqual([]);
    expect(await runRule(rule, { 'package.json': manifest({ '@scope/x': '^1.0.0' }), 'yarn.lock': '__metadata:\n  version: 8\n\n"@scope/x@npm:^1.0.0":\n  version: 1.0.0\n' })).toEqual([]);
    expect(await runRule(rule, { 'package.json': '{"name":"empty"}' })).toEqual([]);
    const pinnedAfter = JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { hono: '^4.6.0' } }, 'node_modules/hono': { version: '4.6.2' } } });
    expect(await runRule(rule, { 'package.json': manifest({ hono: '4.6.2' }), 'package-lock.json': pinnedAfter })).toEqual([]);
  });

  it('reads a workspace-sized lockfile past the 1 MB limit for other files, and is unknown, not "missing", past its own limit', async () => {
    const packages: Record<string, unknown> = { '': { name: 'svc', dependencies: { hono: '^4.0.0' } } };
    for (let i = 0; i < 7000; i++) packages[`node_modules/pkg-${i}`] = { version: '1.0.0', resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`, integrity: `sha512-${'A'.repeat(86)}==` };
    const stale = JSON.stringify({ lockfileVersion: 3, packages: { ...packages, '': { name: 'svc', dependencies: { hono: '^3.0.0' } } } });
    expect(stale.length).toBeGreaterThan(1024 * 1024);
    const read = await auditFiles({ 'package.json': manifest({ hono: '^4.0.0' }), 'package-lock.json': stale }, { rules: [rule] });
    expect(read.findings.map((f) => f.ruleId)).toEqual(['ci/lockfile']);
    const run = await auditFiles({ 'package.json': manifest({ hono: '^4.0.0' }), 'package-lock.json': `{"lockfileVersion":3,"pad":"${'x'.repeat(16 * 1024 * 1024 + 10)}"}` }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === 'ci/lockfile')?.reason).toMatch(/over the 16 MB read limit for lockfiles/);
  });

  it('reports a missing lockfile', async () => {
    expect(at(await runRule(rule, { 'package.json': manifest({ hono: '^4.0.0' }) }))).toEqual(['package.json:1']);
  });

  it('reports lockfiles of two package managers', async () => {
    const findings = await runRule(rule, { 'package.json': manifest({ hono: '^4.0.0' }), 'package-lock.json': npmLock({ hono: '^4.0.0' }), 'yarn.lock': 'hono@^4.0.0:\n  version "4.0.0"\n' });
    expect(at(findings)).toEqual(['yarn.lock:1']);
  });

  it('reads a lockfile v1 as the hoisted tree it is: a transitive entry is not a stale dependency of the root', async () => {
    const v1 = (deps: Record<string, unknown>) => JSON.stringify({ name: 'x', lockfileVersion: 1, requires: true, dependencies: deps });
    const tree = {
      express: { version: '4.17.1', requires: { accepts: '~1.3.7', 'body-parser': '1.19.0' } },
      accepts: { version: '1.3.7', requires: { 'mime-types': '~2.1.24' } },
      'mime-types': { version: '2.1.27' },
      'body-parser': { version: '1.19.0', dependencies: { bytes: { version: '3.1.0', requires: { 'bytes-x': '1' } } } },
      'bytes-x': { version: '1.0.0' },
    };
    expect(await runRule(rule, { 'package.json': manifest({ express: '^4.17.1', 'body-parser': '^1.19.0' }), 'package-lock.json': v1(tree) })).toEqual([]);
    // A removed dependency is reported once, not with the packages it pulled in (body-parser, no longer
    // declared, is still required by express); several are one finding.
    const left = await runRule(rule, {
      'package.json': manifest({ express: '^4.17.1' }),
      'package-lock.json': v1({ ...tree, request: { version: '2.88.0', requires: { 'aws-sign2': '~0.7.0' } }, 'aws-sign2': { version: '0.7.0' }, lodash: { version: '4.17.21' } }),
    });
    expect(left.map((f) => f.message)).toEqual(['package-lock.json still lists 2 packages for the root package that package.json no longer declares: lodash, request']);
  });

  it('reports dependencies added, changed and removed since the lockfile was written', async () => {
    const npm = await runRule(rule, {
      'package.json': manifest({ hono: '^4.6.0', zod: '^4.0.0' }),
      'package-lock.json': npmLock({ hono: '^4.0.0', lodash: '^4.17.0' }),
    });
    expect(npm.map((f) => f.messageId).sort()).toEqual(['missingFromLock', 'rangeDiffers', 'staleEntry']);
    expect(npm.map((f) => f.message).sort()).toEqual([
      'hono is "^4.6.0" in package.json but "^4.0.0" in package-lock.json',
      'package-lock.json still lists lodash for the root package, which package.json no longer declares',
      'zod is declared in package.json but missing from package-lock.json',
    ]);
    expect(at(npm).sort()).toEqual(['package.json:1', 'package.json:4', 'package.json:5']);
    const stale = JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { hono: '^4.0.0' } }, 'node_modules/hono': { version: '4.2.0' } } });
    expect(at(await runRule(rule, { 'package.json': manifest({ hono: '^4.6.0' }), 'package-lock.json': stale }))).toEqual(['package.json:4']);
    const pnpm = await runRule(rule, { 'package.json': manifest({ hono: '^4.6.0' }), 'pnpm-lock.yaml': pnpmLock({ hono: '^4.0.0' }) });
    expect(at(pnpm)).toEqual(['package.json:4']);
    const yarn = await runRule(rule, { 'package.json': manifest({ hono: '^4.6.0' }), 'yarn.lock': 'hono@^4.0.0:\n  version "4.0.0"\n' });
    expect(at(yarn)).toEqual(['package.json:4']);
    expect(yarn.map((f) => f.messageId)).toEqual(['noYarnEntry']);
  });

  it('reads a pnpm lockfile\'s importers without its resolved packages, whatever follows them', async () => {
    const lock = [
      "lockfileVersion: '9.0'", 'importers:', '  .:', '    dependencies:', '      hono:', '        specifier: ^4.0.0', '        version: 4.2.0',
      'packages:', '  hono@4.2.0:', '    resolution: {integrity: sha512-x}', '', '  # a comment', 'snapshots:', '  hono@4.2.0: {}',
      'overrides:', '  zod: 4.1.0',
    ].join('\n');
    expect(importersOf(lock).split('\n')).toEqual([
      "lockfileVersion: '9.0'", 'importers:', '  .:', '    dependencies:', '      hono:', '        specifier: ^4.0.0', '        version: 4.2.0',
      'overrides:', '  zod: 4.1.0',
    ]);
    expect(await runRule(rule, { 'package.json': manifest({ hono: '^4.0.0' }), 'pnpm-lock.yaml': lock })).toEqual([]);
    expect(at(await runRule(rule, { 'package.json': manifest({ hono: '^4.6.0' }), 'pnpm-lock.yaml': lock }))).toEqual(['package.json:4']);
  });
});
