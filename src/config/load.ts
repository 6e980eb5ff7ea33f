import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { parseJsoncText } from '../util/structured.js';
import type { ConfigOrigin } from './disclose.js';
import type { VerdictConfig } from './schema.js';

export const CONFIG_FILE = 'verdict.config.json';

export interface LoadedConfig {
  config: VerdictConfig;
  /** The file the config came from, or null for the embedded defaults. */
  path: string | null;
  /**
   * Whose it is: a file inside the audited repository is the repository's (it may be hostile and
   * turn its own findings off), a --config file outside it is the user's, `none` is the defaults.
   */
  origin: ConfigOrigin;
  /** The repository has a verdict.config.json that was not read (`--config none` or another file). */
  repositoryConfigIgnored: boolean;
}

function inside(root: string, file: string): boolean {
  const real = (p: string) => { try { return realpathSync(p); } catch { return resolve(p); } };
  const rel = relative(real(root), real(file));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Loads --config when given (`none`: the embedded defaults, whatever the repository holds), else
 * verdict.config.json at the root, else the embedded defaults.
 */
export async function loadConfig(root: string, explicit?: string): Promise<LoadedConfig> {
  const own = join(root, CONFIG_FILE);
  if (explicit === 'none') return { config: {}, path: null, origin: 'none', repositoryConfigIgnored: existsSync(own) };
  const file = explicit ? resolve(explicit) : own;
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`--config ${explicit}: file not found (give a verdict.config.json, or none for the defaults)`);
    return { config: {}, path: null, origin: 'none', repositoryConfigIgnored: false };
  }
  // The repository's own config is the repository's: a symlink to a file outside it is not read.
  if (!explicit) {
    const rel = relative(realpathSync(root), realpathSync(file));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new UsageError(`${file}: a symlink to a file outside the repository; verdict does not read it. Pass the config with --config if you mean it.`);
    }
  }
  const origin: ConfigOrigin = !explicit || inside(root, file) ? 'repository' : 'user';
  const repositoryConfigIgnored = origin === 'user' && existsSync(own);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read the config (${(err as Error).message})`);
  }
  const parsed = parseJsoncText(text.replace(/^\uFEFF/, ''), file);
  if (!parsed.ok) throw new UsageError(`${parsed.error}. Fix the file or pass another with --config.`);
  const { validateConfig } = await import('./validate.js');
  return { config: validateConfig(parsed.value, file), path: file, origin, repositoryConfigIgnored };
}

/** What a config may grant the repository's code, and the grants refused. */
export interface ProbeGrants {
  passEnv: string[];
  allowUnsandboxed: boolean;
  /** Grants found in a config inside the audited repository, which cannot widen its own sandbox. */
  refused: string[];
}

/** Settings that widen what the repository's code may do count only from a file outside the repository. */
export function probeGrants(loaded: LoadedConfig, root: string): ProbeGrants {
  const p = loaded.config.probes ?? {};
  const asked = [...(p.passEnv?.length ? ['probes.passEnv'] : []), ...(p.allowUnsandboxed ? ['probes.allowUnsandboxed'] : [])];
  const rel = loaded.path ? relative(root, loaded.path) : '..';
  const inside = !rel.startsWith('..') && !isAbsolute(rel);
  if (inside) return { passEnv: [], allowUnsandboxed: false, refused: asked };
  return { passEnv: p.passEnv ?? [], allowUnsandboxed: p.allowUnsandboxed ?? false, refused: [] };
}
