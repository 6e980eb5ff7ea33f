// The environment variables the repository's deployment sets: Dockerfile ENV (the stages the image
// ships), compose `environment:` of services built from the repository (not compose files named for
// development), fly.toml `[env]`, render.yaml `envVars`, Kubernetes container `env`, wrangler `vars`,
// leading `NODE_ENV=production` words of a package's start script, and the example env file
// (`.env.example`), which says what a deploy is meant to set. Read from the documents collect kept.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { RuleLayout } from '../api.js';
import type { RepoLayout } from '../../discover/index.js';
import { composeNamedForDevelopment, COMPOSE_FILE, parseCompose } from './compose.js';
import { isEnvTemplate } from '../../knowledge/index.js';
import { assignmentsOf, DOCKERFILE, instructionsOf, NON_RELEASE_DOCKERFILE, shippedInstructions } from './dockerfiles.js';

export interface DeploySetting {
  name: string;
  value: string;
  path: string;
  line: number;
  /** What sets it: `Dockerfile ENV`, `compose environment`, `fly.toml [env]`, ... */
  via: string;
  /** From an example env file: what a deploy is told to set, not what one does. */
  example?: true;
}


function lineOf(text: string, needle: string): number {
  const at = text.search(new RegExp(`(^|[^\\w])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`, 'm'));
  return at < 0 ? 1 : text.slice(0, at + 1).split('\n').length;
}

const scalar = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

function dockerfile(path: string, text: string): DeploySetting[] {
  const shipped = shippedInstructions(instructionsOf(text)) ?? [];
  return shipped.filter((i) => i.keyword === 'ENV').flatMap((i) => assignmentsOf(i.args)
    .filter((a): a is { key: string; value: string } => a.value !== null)
    .map((a) => ({ name: a.key, value: a.value, path, line: i.line, via: 'Dockerfile ENV' })));
}

function compose(path: string, text: string): DeploySetting[] {
  if (composeNamedForDevelopment(path)) return [];
  return (parseCompose(text) ?? []).filter((s) => s.built).flatMap((s) => s.environment
    .filter((e): e is { key: string; value: string; line: number } => e.value !== null && !/^\$\{?\w/.test(e.value))
    .map((e) => ({ name: e.key, value: e.value, path, line: e.line, via: `compose environment of "${s.name}"` })));
}

/** fly.toml `[env]`, render.yaml `envVars: [{ key, value }]`, Kubernetes `env: [{ name, value }]`. */
function structured(path: string, text: string): DeploySetting[] {
  const out: DeploySetting[] = [];
  const base = path.slice(path.lastIndexOf('/') + 1);
  try {
    if (base === 'fly.toml') {
      const env = (parseToml(text) as { env?: Record<string, unknown> }).env ?? {};
      for (const [name, v] of Object.entries(env)) {
        const value = scalar(v);
        if (value !== null) out.push({ name, value, path, line: lineOf(text, name), via: 'fly.toml [env]' });
      }
      return out;
    }
    for (const doc of text.split(/^---\s*$/m)) visitYaml(parseYaml(doc), null, (key, o) => {
      const list = key === 'envVars' ? 'key' : key === 'env' ? 'name' : null;
      const name = list ? scalar(o[list]) : null;
      const value = scalar(o.value);
      if (name && value !== null) out.push({ name, value, path, line: lineOf(text, name), via: key === 'envVars' ? 'render.yaml envVars' : 'Kubernetes container env' });
    });
  } catch {
    // Not valid YAML/TOML: it sets nothing verdict can read.
  }
  return out;
}

function visitYaml(v: unknown, key: string | null, fn: (key: string | null, o: Record<string, unknown>) => void): void {
  if (Array.isArray(v)) for (const x of v) visitYaml(x, key, fn);
  else if (v && typeof v === 'object') {
    fn(key, v as Record<string, unknown>);
    for (const [k, x] of Object.entries(v)) visitYaml(x, k, fn);
  }
}

function exampleEnv(path: string, text: string): DeploySetting[] {
  const out: DeploySetting[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s#]*))/.exec(l);
    const value = m ? m[2] ?? m[3] ?? m[4] : '';
    if (m && value !== '') out.push({ name: m[1], value, path, line: i + 1, via: 'example env file', example: true });
  });
  return out;
}

/** `NODE_ENV=production node dist/main.js`, `cross-env NODE_ENV=production node ...`: the words before the command. */
function startScripts(layout: RuleLayout | RepoLayout, documents: ReadonlyMap<string, string>): DeploySetting[] {
  const out: DeploySetting[] = [];
  for (const pkg of layout.packages) {
    const script = pkg.scripts?.start;
    const manifest = pkg.manifestPath;
    if (!script || !manifest) continue;
    const words = script.trim().split(/\s+/);
    for (const w of words[0] === 'cross-env' ? words.slice(1) : words) {
      const m = /^([A-Za-z_]\w*)=(["']?)([^"']*)\2$/.exec(w);
      if (!m) break;
      out.push({ name: m[1], value: m[3], path: manifest, line: lineOf(documents.get(manifest) ?? '', '"start"'), via: 'the start script' });
    }
  }
  return out;
}

/** Every variable the deployment files set, by name (the example env file's last). */
export function deploymentSettings(documents: ReadonlyMap<string, string>, layout: RuleLayout | RepoLayout): ReadonlyMap<string, readonly DeploySetting[]> {
  const all: DeploySetting[] = [];
  const role = (p: string) => layout.roles.of(p);
  for (const path of [...documents.keys()].sort()) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const deployable = base === 'wrangler.toml' || isEnvTemplate(path, { loadedToo: false }) || DOCKERFILE.test(path) || COMPOSE_FILE.test(path) || base === 'fly.toml' || /^render\.ya?ml$/i.test(base) || /\.ya?ml$/i.test(base);
    if (!deployable || !['service', 'config'].includes(role(path))) continue;
    const text = documents.get(path)!;
    if (DOCKERFILE.test(path)) { if (!NON_RELEASE_DOCKERFILE.test(base)) all.push(...dockerfile(path, text)); }
    else if (isEnvTemplate(path, { loadedToo: false })) all.push(...exampleEnv(path, text));
    else if (COMPOSE_FILE.test(path)) all.push(...compose(path, text));
    else if (base === 'fly.toml' || /\.ya?ml$/i.test(base)) all.push(...structured(path, text));
  }
  for (const w of layout.wrangler) {
    for (const [name, v] of Object.entries(w.vars)) {
      const value = scalar(v);
      if (value !== null) all.push({ name, value, path: w.path, line: lineOf(documents.get(w.path) ?? '', name), via: 'wrangler vars' });
    }
  }
  all.push(...startScripts(layout, documents));
  const out = new Map<string, DeploySetting[]>();
  for (const s of [...all.filter((x) => !x.example), ...all.filter((x) => x.example)]) out.set(s.name, [...(out.get(s.name) ?? []), s]);
  return out;
}
