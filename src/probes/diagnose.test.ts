import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, RECOGNISERS, type DiagnoseContext } from './diagnose.js';

const DIR = new URL('../../test/fixtures/diagnosis/', import.meta.url);
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const ctx = (output: string, over: Partial<DiagnoseContext> = {}): DiagnoseContext => ({
  kind: 'tests', output, timedOut: false, timeoutMs: 600_000, heapMb: 4096, workspacePackages: ['@acme/shared'], packageManager: 'npm', command: 'npm run test', failures: [], ...over,
});

describe('probe failure diagnosis', () => {
  it('has a fixture for every recogniser', () => {
    const ids = new Set(fixtures.map((f) => f.replace(/(--[\w-]+)?\.txt$/, '')));
    expect([...ids].sort()).toEqual(RECOGNISERS.map((r) => r.id).sort());
  });

  it.each(fixtures)('%s is recognised as exactly its id', (file) => {
    const out = diagnose(ctx(readFileSync(new URL(file, DIR), 'utf8')));
    expect(out.map((d) => d.id)).toEqual([file.replace(/(--[\w-]+)?\.txt$/, '')]);
    expect(out[0].fix.length).toBeGreaterThan(20);
  });

  it('says workers x heap where the output shows several crashed processes', () => {
    const [d] = diagnose(ctx(readFileSync(new URL('heap-out-of-memory.txt', DIR), 'utf8')));
    expect(d.message).toBe('JavaScript heap out of memory: 2 processes hit the 2048 MB heap limit (2 workers x 2048 MB = 4096 MB)');
  });

  it('names the binding and the platform, and the package manager in the fix', () => {
    const [d] = diagnose(ctx(readFileSync(new URL('native-binding-missing.txt', DIR), 'utf8'), { packageManager: 'pnpm' }));
    expect(d.message).toBe(`a native optional dependency is missing for this platform (${process.platform}-${process.arch}): @rollup/rollup-linux-x64-gnu`);
    expect(d.fix).toContain('(pnpm install)');
  });

  it('a killed run is diagnosed as a timeout even with nothing printed', () => {
    expect(diagnose(ctx('', { timedOut: true, timeoutMs: 6000 })).map((d) => d.message)).toEqual(['the tests run did not finish within 6 s and its whole process tree was killed']);
  });

  it('names the download, the unreachable host and the command that makes the download', () => {
    const [d] = diagnose(ctx(readFileSync(new URL('network-unavailable.txt', DIR), 'utf8'), { kind: 'build', command: 'npm run build' }));
    expect(d.message).toBe('the build needed the network to download the Prisma engines and could not reach binaries.prisma.sh (ENOTFOUND, https://binaries.prisma.sh/all_commits/605197351a3c8bdd595af2d2a9bc3025bca48ea2/debian-openssl-3.0.x/libquery_engine.so.node.gz.sha256)');
    expect(d.fix).toBe('Run `npx prisma generate` on a machine with network access (or set PRISMA_ENGINES_MIRROR to a reachable mirror), then `npm run build` again (or audit on a machine that can reach binaries.prisma.sh).');
    const [fonts] = diagnose(ctx(readFileSync(new URL('network-unavailable--fetch-failed.txt', DIR), 'utf8'), { kind: 'build', packageManager: 'pnpm', command: 'pnpm run build' }));
    expect(fonts.message).toBe('the build needed the network to download Google Fonts (next/font/google downloads them at build time) and could not reach fonts.googleapis.com (EAI_AGAIN)');
  });

  it('names the service from its port and gives a command that starts one', () => {
    const [pg] = diagnose(ctx(readFileSync(new URL('service-unreachable.txt', DIR), 'utf8')));
    expect(pg.message).toBe('the tests need PostgreSQL at 127.0.0.1:5432 and nothing answers there (connection refused)');
    expect(pg.fix).toBe('Start `docker run -d -p 5432:5432 -e POSTGRES_PASSWORD=postgres postgres:16` (or `docker compose up -d` where the repository has a compose file), point the tests at it (e.g. DATABASE_URL), and run `npm run test` again.');
    expect(diagnose(ctx(readFileSync(new URL('service-unreachable--redis.txt', DIR), 'utf8')))[0].message).toBe('the tests need Redis at 127.0.0.1:6379 and nothing answers there (connection refused)');
  });

  it('an environment diagnosis needs every failing test to fail that way: one assertion failure keeps the run a failure', () => {
    const output = readFileSync(new URL('service-unreachable.txt', DIR), 'utf8');
    expect(diagnose(ctx(output, { failures: ['Error: connect ECONNREFUSED 127.0.0.1:5432'] })).map((d) => d.id)).toEqual(['service-unreachable']);
    expect(diagnose(ctx(output, { failures: ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'AssertionError: expected 2 to be 3'] }))).toEqual([]);
  });

  it('a missing Prisma client, a missing container runtime and a missing browser: the command that fixes each, in the package manager\'s words', () => {
    const prisma = diagnose(ctx(readFileSync(new URL('prisma-client-not-generated.txt', DIR), 'utf8'), { packageManager: 'pnpm', command: 'pnpm run test' }));
    expect(prisma.map((d) => d.fix)).toEqual(['Run `pnpm exec prisma generate`, then `pnpm run test` again; a postinstall script (`prisma generate`) makes every install do it.']);
    const docker = diagnose(ctx(readFileSync(new URL('container-runtime-missing.txt', DIR), 'utf8'), { kind: 'build', command: 'npm run build' }));
    expect(docker.map((d) => [d.message, d.fix])).toEqual([['the build starts containers (Testcontainers or docker) and no container runtime answers on this machine', 'Start Docker (or point DOCKER_HOST at a running daemon), then run `npm run build` again.']]);
    const browser = diagnose(ctx(readFileSync(new URL('browser-missing.txt', DIR), 'utf8'), { packageManager: 'yarn', command: 'yarn run test' }));
    expect(browser.map((d) => d.fix)).toEqual(['Run `yarn playwright install` (it downloads the browser), then `yarn run test` again.']);
  });

  it('a connection refused by a remote host is the network, not a local service', () => {
    expect(diagnose(ctx('Error: connect ECONNREFUSED 104.16.1.35:443')).map((d) => [d.id, d.message])).toEqual([
      ['network-unavailable', 'the tests needed the network and could not reach 104.16.1.35:443 (ECONNREFUSED)'],
    ]);
  });

  it('stays silent on an ordinary failure', () => {
    expect(diagnose(ctx('FAIL test/a.test.ts > adds\nAssertionError: expected 2 to be 3'))).toEqual([]);
  });
});
