// The paths a deployment probes to decide whether the service is alive or ready: Dockerfile
// HEALTHCHECK, compose healthchecks, Kubernetes liveness/readiness/startup probes, render.yaml's
// healthCheckPath, fly.toml checks. Read from the documents collect kept; no judging here.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

export interface DeployProbe {
  /** The request path probed (`/healthz`), without query. */
  path: string;
  /** Where it is declared, and by what. */
  file: string;
  line: number;
  via: string;
}

const URL_PATH = /https?:\/\/[^\s/'"`]+(\/[^\s'"`?|;&)]*)/;
const K8S_PROBES = new Set(['livenessProbe', 'readinessProbe', 'startupProbe']);

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** Every object in a parsed document, depth first, with the key it sits under. */
function* objects(v: unknown, key: string | null = null): Generator<[string | null, Record<string, unknown>]> {
  if (Array.isArray(v)) for (const x of v) yield* objects(x, key);
  else if (v && typeof v === 'object') {
    yield [key, v as Record<string, unknown>];
    for (const [k, x] of Object.entries(v)) yield* objects(x, k);
  }
}

function fromParsed(doc: unknown, file: string, text: string): DeployProbe[] {
  const out: DeployProbe[] = [];
  const add = (path: unknown, via: string) => {
    if (typeof path !== 'string' || !path.startsWith('/')) return;
    const clean = path.split('?')[0];
    out.push({ path: clean, file, line: lineOf(text, path), via });
  };
  for (const [key, o] of objects(doc)) {
    if (typeof o.healthCheckPath === 'string') add(o.healthCheckPath, 'render.yaml healthCheckPath');
    if (key !== null && K8S_PROBES.has(key)) add((o.httpGet as { path?: unknown } | undefined)?.path, `Kubernetes ${key}`);
    if (key === 'healthcheck' && o.test !== undefined) {
      const test = Array.isArray(o.test) ? o.test.join(' ') : String(o.test);
      add(URL_PATH.exec(test)?.[1], 'compose healthcheck');
    }
    // fly.toml: [[http_service.checks]] and [[services.http_checks]] entries carry `path`.
    if ((key === 'checks' || key === 'http_checks') && typeof o.path === 'string') add(o.path, 'fly.toml check');
  }
  return out;
}

/** The probed paths declared in the repository's deployment files. A file that does not parse adds none. */
export function deployProbes(documents: ReadonlyMap<string, string>): DeployProbe[] {
  const out: DeployProbe[] = [];
  // By path first: only the deployment files' texts are read (for the rule cache, a README edit is no input).
  for (const file of documents.keys()) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (!/^Dockerfile/i.test(base) && !/\.ya?ml$/i.test(base) && base !== 'fly.toml') continue;
    const text = documents.get(file)!;
    if (/^Dockerfile/i.test(base)) {
      for (const m of text.matchAll(/^\s*HEALTHCHECK\b[^\n]*(?:\\\n[^\n]*)*/gim)) {
        const path = URL_PATH.exec(m[0])?.[1];
        if (path) out.push({ path: path.split('?')[0], file, line: text.slice(0, m.index).split('\n').length, via: 'Dockerfile HEALTHCHECK' });
      }
      continue;
    }
    try {
      if (/\.ya?ml$/i.test(base)) for (const doc of text.split(/^---\s*$/m)) out.push(...fromParsed(parseYaml(doc), file, text));
      else if (base === 'fly.toml') out.push(...fromParsed(parseToml(text), file, text));
    } catch {
      // Not valid YAML/TOML: it declares no probe verdict can read.
    }
  }
  return out;
}

/** How many instances a deployment file runs: a fixed count, or `scaled` (an autoscaler, a scaling range). */
export interface DeployReplicas { file: string; line: number; via: string; count: number | 'scaled' }

/**
 * The instance counts the deployment files declare: Kubernetes Deployment/StatefulSet `spec.replicas`
 * (and a HorizontalPodAutoscaler), render.yaml `numInstances` (and `scaling`), compose `deploy.replicas`.
 * A file that does not parse declares none; no file is no answer (the count is unknown).
 */
export function deployReplicas(documents: ReadonlyMap<string, string>): DeployReplicas[] {
  const out: DeployReplicas[] = [];
  for (const file of documents.keys()) {
    if (!/\.ya?ml$/i.test(file)) continue;
    const text = documents.get(file)!;
    try {
      for (const raw of text.split(/^---\s*$/m)) {
        const doc = parseYaml(raw) as Record<string, unknown> | null;
        if (!doc || typeof doc !== 'object') continue;
        const kind = doc.kind;
        if (kind === 'HorizontalPodAutoscaler') out.push({ file, line: lineOf(text, 'HorizontalPodAutoscaler'), via: 'Kubernetes HorizontalPodAutoscaler', count: 'scaled' });
        if ((kind === 'Deployment' || kind === 'StatefulSet') && doc.spec && typeof doc.spec === 'object') {
          const r = (doc.spec as Record<string, unknown>).replicas;
          // Kubernetes runs one replica when `replicas` is left out.
          out.push({ file, line: typeof r === 'number' ? lineOf(text, 'replicas:') : lineOf(text, `kind: ${kind}`), via: `Kubernetes ${kind} replicas`, count: typeof r === 'number' ? r : 1 });
        }
        for (const [key, o] of objects(doc)) {
          if (key === 'services' && typeof o.type === 'string' && (o.type === 'web' || o.type === 'worker')) {
            if (o.scaling) out.push({ file, line: lineOf(text, 'scaling:'), via: 'render.yaml scaling', count: 'scaled' });
            else if (typeof o.numInstances === 'number') out.push({ file, line: lineOf(text, 'numInstances:'), via: 'render.yaml numInstances', count: o.numInstances });
          }
          if (key === 'deploy' && typeof o.replicas === 'number') out.push({ file, line: lineOf(text, 'replicas:'), via: 'compose deploy.replicas', count: o.replicas });
        }
      }
    } catch {
      // Not valid YAML: it declares no count verdict can read.
    }
  }
  return out;
}
