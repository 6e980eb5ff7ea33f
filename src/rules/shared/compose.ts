// Docker Compose files read with the YAML parser, each value with its line, and what the file is
// for: production (by its name, or as the compose file the deploy workflow or deploy docs run) or
// development (by its name: `docker-compose.dev.yml`, `compose.test.yaml`, the local override).
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { commandsOf } from '../../knowledge/index.js';
import type { RepoRuleContext } from '../api.js';
import { workflowsOf } from './workflows.js';

export const COMPOSE_FILE = /(^|\/)(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/i;

export interface At<T> { value: T; line: number }

export interface ComposePort { text: string; line: number; hostIp: string | null }

export interface ComposeService {
  name: string;
  line: number;
  image: string | null;
  /** Built from the repository (`build:`): the application itself rather than a stock image. */
  built: boolean;
  command: At<string> | null;
  ports: ComposePort[];
  /** `environment:` entries, list or map form; value null when only the name is given (taken from the host). */
  environment: Array<{ key: string; value: string | null; line: number }>;
  restart: At<string> | null;
  /** `deploy.restart_policy` (swarm): a restart policy too. */
  deployRestart: boolean;
  /** `build:` as a context folder (relative to the compose file) and Dockerfile (relative to the context). */
  build: { context: string; dockerfile: string | null } | null;
  entrypoint: At<string> | null;
  user: At<string> | null;
  /** `volumes:` entries: the host side (a path or a named volume) and where it is mounted. */
  volumes: Array<{ source: string; target: string; line: number; text: string }>;
  /** `depends_on:` with the condition each waits for (`service_started` for the list form). */
  dependsOn: Array<{ service: string; condition: string }>;
  /** `deploy.replicas` (or `scale`), null when not set. */
  replicas: number | null;
}

export interface ComposeFile {
  path: string;
  services: ComposeService[];
  purpose: 'production' | 'development' | 'unknown';
  /** Why the file was given its purpose, for evidence. */
  why: string;
}

const PROD_WORDS = new Set(['prod', 'production', 'prd', 'live', 'release', 'deploy']);
const DEV_WORDS = new Set(['dev', 'develop', 'development', 'local', 'test', 'tests', 'testing', 'e2e', 'ci', 'override', 'debug', 'example', 'sample', 'demo']);

/** A compose file named for development, tests or local use (`docker-compose.dev.yml`, the local override). */
export function composeNamedForDevelopment(path: string): boolean {
  return nameWords(path).some((w) => DEV_WORDS.has(w));
}

/** The words of a compose file's name besides `docker`/`compose`/`yml`: `docker-compose.prod.yml` is `prod`. */
function nameWords(path: string): string[] {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return base.split(/[.\-_]/).filter((w) => !['docker', 'compose', 'yml', 'yaml'].includes(w));
}

function str(n: unknown): string | null {
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : null;
}

function pairs(map: unknown): Array<{ key: string; value: unknown; offset: number }> {
  if (!isMap(map)) return [];
  return map.items.filter(isPair).map((p) => ({ key: str(p.key) ?? '', value: p.value, offset: (p.key as YamlNode | null)?.range?.[0] ?? 0 }));
}

function get(map: unknown, key: string): unknown {
  return pairs(map).find((p) => p.key === key)?.value ?? null;
}

/** A command as compose gives it: a string, or a list of words (exec form). */
function commandText(n: unknown): string | null {
  if (isSeq(n)) return n.items.map(str).filter((s): s is string => s !== null).join(' ');
  return str(n);
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/proto]`, or the long form's `host_ip`. IPv6 hosts come in brackets. */
function hostIpOf(spec: string): string | null {
  const bracket = /^\[([^\]]+)\]:/.exec(spec);
  if (bracket) return bracket[1];
  const parts = spec.split(':');
  return parts.length >= 3 ? parts[0] : null;
}

function serviceOf(name: string, node: unknown, line: (o: number) => number, offset: number): ComposeService {
  const at = (n: unknown) => line((n as YamlNode | null)?.range?.[0] ?? offset);
  const ports: ComposePort[] = [];
  const portsNode = get(node, 'ports');
  if (isSeq(portsNode)) {
    for (const item of portsNode.items) {
      if (isMap(item)) {
        const published = str(get(item, 'published'));
        if (published === null) continue; // the long form without `published` does not publish
        ports.push({ text: `${str(get(item, 'host_ip')) ?? ''}${published}:${str(get(item, 'target')) ?? ''}`, line: at(item), hostIp: str(get(item, 'host_ip')) });
      } else {
        const text = str(item);
        if (text !== null) ports.push({ text, line: at(item), hostIp: hostIpOf(text) });
      }
    }
  }
  const environment: ComposeService['environment'] = [];
  const env = get(node, 'environment');
  if (isSeq(env)) {
    for (const item of env.items) {
      const text = str(item);
      if (text === null) continue;
      const eq = text.indexOf('=');
      environment.push({ key: eq < 0 ? text : text.slice(0, eq), value: eq < 0 ? null : text.slice(eq + 1), line: at(item) });
    }
  } else for (const p of pairs(env)) environment.push({ key: p.key, value: str(p.value), line: line(p.offset) });
  const command = get(node, 'command');
  const restart = get(node, 'restart');
  const deploy = get(node, 'deploy');
  const buildNode = get(node, 'build');
  const build = buildNode === null ? null : isMap(buildNode)
    ? { context: str(get(buildNode, 'context')) ?? '.', dockerfile: str(get(buildNode, 'dockerfile')) }
    : { context: str(buildNode) ?? '.', dockerfile: null };
  const volumes: ComposeService['volumes'] = [];
  const vols = get(node, 'volumes');
  for (const item of isSeq(vols) ? vols.items : []) {
    if (isMap(item)) {
      const written = str(get(item, 'source'));
      const source = written === null ? null : interpolated(written);
      const target = interpolated(str(get(item, 'target')) ?? '');
      if (source !== null) volumes.push({ source, target, line: at(item), text: `${written}:${str(get(item, 'target')) ?? ''}` });
    } else {
      const text = str(item);
      if (text === null) continue;
      const [source, target = ''] = interpolated(text).split(':');
      volumes.push({ source, target, line: at(item), text });
    }
  }
  const dependsOn: ComposeService['dependsOn'] = [];
  const deps = get(node, 'depends_on');
  if (isSeq(deps)) for (const d of deps.items) { const n = str(d); if (n !== null) dependsOn.push({ service: n, condition: 'service_started' }); }
  else for (const p of pairs(deps)) dependsOn.push({ service: p.key, condition: str(get(p.value, 'condition')) ?? 'service_started' });
  const replicas = Number(str(get(deploy, 'replicas')) ?? str(get(node, 'scale')) ?? NaN);
  const entrypoint = get(node, 'entrypoint');
  const user = get(node, 'user');
  return {
    name,
    line: line(offset),
    image: str(get(node, 'image')),
    built: get(node, 'build') !== null,
    command: commandText(command) !== null ? { value: commandText(command)!, line: at(command) } : null,
    ports,
    environment,
    restart: str(restart) !== null ? { value: str(restart)!, line: at(restart) } : null,
    deployRestart: get(deploy, 'restart_policy') !== null,
    build,
    entrypoint: commandText(entrypoint) !== null ? { value: commandText(entrypoint)!, line: at(entrypoint) } : null,
    user: str(user) !== null ? { value: str(user)!, line: at(user) } : null,
    volumes,
    dependsOn,
    replicas: Number.isFinite(replicas) ? replicas : null,
  };
}

/** The services of one compose file; null when it does not parse or has no `services:` map. */
export function parseCompose(text: string): ComposeService[] | null {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  const services = get(doc.contents, 'services');
  if (!isMap(services)) return null;
  const line = (o: number) => counter.linePos(o).line;
  return pairs(services).map((p) => serviceOf(p.key, p.value, line, p.offset));
}

/** Paths that deploy docs and deploy jobs name: where a plain `docker-compose.yml` is the production one. */
function deployReferences(ctx: RepoRuleContext, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const mention = (text: string, where: string) => {
    for (const f of files) if (!out.has(f) && text.includes(base(f))) out.set(f, where);
    // `docker compose up` with no -f runs the default file: the only one there is.
    if (files.length === 1 && !out.has(files[0]) && /\bdocker[ -]compose\b[^\n]*\bup\b/.test(text) && !/\s(-f|--file)\s/.test(text)) out.set(files[0], where);
  };
  for (const w of workflowsOf(ctx)) {
    for (const job of w.jobs) {
      if (!job.steps.some((s) => s.kinds.includes('deploy')) && job.environment === null) continue;
      for (const s of job.steps) if (s.run) mention(s.run, `${w.path} (job ${job.id})`);
    }
  }
  // A deploy doc counts only where it runs a file: a compose command naming it (`docker compose -f
  // docker-compose.prod.yml up`), or `docker compose up` where the repository has one compose file. Prose
  // that names a `docker-compose.yml` may mean another file of that name (one a setup script writes).
  for (const path of ctx.documents.keys()) {
    if (!/\.(md|mdx)$/i.test(path) || !/(^|\/)[^/]*(deploy|production|hosting)[^/]*$/i.test(path)) continue;
    const commands = commandsOf(ctx.documents.get(path)!).filter((w) => w.includes('compose') || w.includes('docker-compose'));
    for (const words of commands) {
      const named = words.flatMap((w, i) => (w === '-f' || w === '--file') && words[i + 1] ? [words[i + 1]] : w.startsWith('--file=') ? [w.slice(7)] : []);
      for (const f of files) if (!out.has(f) && named.some((n) => n.replace(/^\.\//, '') === f)) out.set(f, path);
      if (files.length === 1 && named.length === 0 && !out.has(files[0]) && words.includes('up')) out.set(files[0], path);
    }
  }
  return out;
}

/**
 * Files run together with a production one (`docker compose -f docker-compose.yml -f docker-compose.prod.yml up`
 * in a package script, a workflow or a doc): the base a production override extends is production too.
 */
function extendedByProduction(ctx: RepoRuleContext, isProd: (path: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  const lines: Array<{ text: string; where: string }> = [];
  for (const p of ctx.layout.packages) for (const [name, text] of Object.entries(p.scripts)) lines.push({ text, where: `the "${name}" script of ${p.manifestPath ?? p.path}` });
  for (const w of workflowsOf(ctx)) for (const j of w.jobs) for (const s of j.steps) if (s.run) lines.push({ text: s.run, where: w.path });
  for (const { text, where } of lines) {
    for (const words of commandsOf(text)) {
      const files = words.flatMap((w, i) => (w === '-f' || w === '--file') && words[i + 1] ? [words[i + 1]] : w.startsWith('--file=') ? [w.slice(7)] : []);
      const prod = files.find((f) => isProd(f));
      if (prod) for (const f of files) if (f !== prod && !out.has(f)) out.set(f, `${where} runs it under ${prod}`);
    }
  }
  return out;
}

/** Compose files of release or config code that do not parse (or hold no `services:` map): what they run is not known. */
export function unreadComposeFiles(ctx: RepoRuleContext): string[] {
  return ctx.memo('compose-files-unread', () => [...ctx.documents.keys()].filter((p) => COMPOSE_FILE.test(p)).sort()
    .filter((p) => ['service', 'config'].includes(ctx.layout.roles.of(p)) && parseCompose(ctx.documents.get(p)!) === null));
}

/** Every compose file of the repository with its purpose; files that do not parse are left out (unreadComposeFiles lists them). */
export function composeFilesOf(ctx: RepoRuleContext): ComposeFile[] {
  return ctx.memo('compose-files', () => {
    const paths = [...ctx.documents.keys()].filter((p) => COMPOSE_FILE.test(p)).sort();
    const refs = deployReferences(ctx, paths);
    const prodByName = (p: string) => nameWords(p).some((w) => PROD_WORDS.has(w)) && !nameWords(p).some((w) => DEV_WORDS.has(w));
    // Named as they are written in commands: relative to the package's folder, usually the root.
    const extended = extendedByProduction(ctx, prodByName);
    const out: ComposeFile[] = [];
    for (const path of paths) {
      const services = parseCompose(ctx.documents.get(path)!);
      if (!services) continue;
      const words = nameWords(path);
      const role = ctx.layout.roles.of(path);
      let purpose: ComposeFile['purpose'] = 'unknown';
      let why = 'its name says neither production nor development, and no deploy job or deploy doc runs it';
      if (role !== 'service' && role !== 'config') {
        purpose = 'development';
        why = `it sits in ${role} files`;
      } else if (words.some((w) => DEV_WORDS.has(w))) {
        purpose = 'development';
        why = `its name says ${words.find((w) => DEV_WORDS.has(w))}`;
      } else if (words.some((w) => PROD_WORDS.has(w))) {
        purpose = 'production';
        why = `its name says ${words.find((w) => PROD_WORDS.has(w))}`;
      } else if (extended.has(path) || extended.has(`./${path}`)) {
        purpose = 'production';
        why = extended.get(path) ?? extended.get(`./${path}`)!;
      } else if (refs.has(path)) {
        purpose = 'production';
        why = `${refs.get(path)} runs it`;
      }
      out.push({ path, services, purpose, why });
    }
    return out;
  });
}

/**
 * A compose value as Compose reads it when the variables it names are not set: `${VAR:-default}` and
 * `${VAR-default}` become their default; `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}` and `${VAR+alt}`
 * stay a reference to the variable (`${VAR}`), which no path test matches. `$$` is a literal `$`.
 * https://docs.docker.com/reference/compose-file/interpolation/
 */
export function interpolated(value: string): string {
  return value.replace(/\$\$|\$\{(\w+)(:?[-?+])?((?:[^{}]|\{[^{}]*\})*)\}/g, (whole, name: string | undefined, op: string | undefined, rest: string) => {
    if (whole === '$$') return '$';
    if (op === '-' || op === ':-') return interpolated(rest);
    return `\${${name}}`;
  });
}
