// The migrations probe's last result, reused when nothing it reads changed: the same migration sets
// with the same bytes, the same squawk config files (`.squawk.toml` in the root or a folder above,
// where squawk looks), the same probe options, and the same verdict build, Node and engine versions.
// The file is sealed (util/cache-seal.ts: a file changed outside verdict is not trusted), then a header
// line `{"format","key"}` and the result's JSON.
// Starting the embedded Postgres costs seconds (2.5 s of a 3.4 s warm run of a large Nx service); applying
// the same SQL to a fresh engine of the same version gives the same outcome. A run with an engine
// error or timeout is not kept (it may not recur). Reused probe results say so (`cached: true`).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { MigrationAnalysis, MigrationSet } from '../../model/migrations.js';
import type { ProbeResult } from '../../model/run.js';
import { unsealedWarning, type CacheSeal } from '../../util/cache-seal.js';
import { isRecord } from '../../util/structured.js';
import { writeFileAtomic } from '../../util/write-file.js';

const FORMAT = 'verdict-migrations/3';
const FILE = 'migrations.json';
const ENGINES = ['@electric-sql/pglite', '@electric-sql/pglite-pgvector', 'sql.js', 'pgsql-parser', 'squawk-cli'];

/** A package's version from its own package.json (found up from its entry point: some export maps hide it). */
export function versionOf(name: string): string {
  const req = createRequire(import.meta.url);
  try {
    let dir = dirname(req.resolve(name));
    for (let i = 0; i < 8; i++) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed: the probe reports that itself
  }
  return 'none';
}

let engineVersions: string | null = null;

/** The key of a probe run: what it reads. Null when a migration file cannot be read (the probe says why). */
export function migrationKey(root: string, sets: readonly MigrationSet[], options: { squawk: boolean; apply: boolean }, salt: string): string | null {
  engineVersions ??= ENGINES.map((n) => `${n}@${versionOf(n)}`).join(',');
  const hash = createHash('sha1').update(FORMAT).update('\0').update(salt).update('\0').update(process.version).update('\0')
    .update(engineVersions).update('\0').update(JSON.stringify(options)).update('\0').update(JSON.stringify(sets)).update('\0');
  // squawk reads its config from the folder it runs in (the root) or the nearest folder above.
  for (let dir = resolve(root), i = 0; i < 64; dir = dirname(dir), i++) {
    const config = join(dir, '.squawk.toml');
    if (existsSync(config)) {
      try {
        hash.update(config).update('\0').update(readFileSync(config)).update('\0');
      } catch {
        return null;
      }
    }
    if (dirname(dir) === dir) break;
  }
  for (const set of sets) {
    for (const path of [...set.files, ...set.migrations.flatMap((m) => (m.down && m.down !== m.path ? [m.down] : []))]) {
      try {
        hash.update(path).update('\0').update(readFileSync(join(root, path))).update('\0');
      } catch {
        return null;
      }
    }
  }
  return hash.digest('base64url');
}

export interface StoredMigrationRun {
  probes: ProbeResult[];
  statements: MigrationAnalysis['statements'];
  parseFailures: MigrationAnalysis['parseFailures'];
}

export class MigrationCache {
  private readonly file: string;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly seal: CacheSeal) {
    this.file = join(dir, FILE);
  }

  get(key: string): StoredMigrationRun | undefined {
    if (!existsSync(this.file)) return undefined;
    const unreadable = (): undefined => {
      this.warning = `${this.file}: migrations cache unreadable, the migrations probe ran again (it will be rewritten)`;
      return undefined;
    };
    let header: unknown;
    let body: string;
    try {
      const sealed = this.seal.unseal(this.file, readFileSync(this.file));
      if (!sealed) {
        this.warning = `${unsealedWarning(this.file, 'migrations cache')}: the migrations probe ran again (it will be rewritten)`;
        return undefined;
      }
      const text = sealed.toString('utf8');
      const nl = text.indexOf('\n');
      header = JSON.parse(nl < 0 ? text : text.slice(0, nl));
      body = nl < 0 ? '' : text.slice(nl + 1);
    } catch {
      return unreadable();
    }
    if (!isRecord(header) || header.format !== FORMAT) {
      if (!(isRecord(header) && typeof header.format === 'string' && header.format.startsWith('verdict-migrations/'))) {
        this.warning = `${this.file}: not a verdict migrations cache, the migrations probe ran again (it will be rewritten)`;
      }
      return undefined;
    }
    if (header.key !== key) return undefined;
    let run: unknown;
    try {
      run = JSON.parse(body);
    } catch {
      return unreadable();
    }
    if (!isRecord(run) || !Array.isArray(run.probes) || !run.probes.every(isRecord) || !isRecord(run.statements) || !Array.isArray(run.parseFailures)) return unreadable();
    return run as unknown as StoredMigrationRun;
  }

  set(key: string, run: StoredMigrationRun): void {
    try {
      writeFileAtomic(this.file, this.seal.seal(this.file, [Buffer.from(`${JSON.stringify({ format: FORMAT, key })}\n${JSON.stringify(run)}`)]));
    } catch (err) {
      this.warning = `${this.dir}: cannot write the migrations cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
