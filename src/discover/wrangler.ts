// Cloudflare wrangler configs (wrangler.toml, wrangler.json, wrangler.jsonc) and their bindings.
import { isRecord, parseJsoncText, parseTomlText, type Parsed } from '../util/structured.js';
import type { Binding, WranglerConfig } from './types.js';

export const WRANGLER_FILES = ['wrangler.toml', 'wrangler.json', 'wrangler.jsonc'];

function lineOf(text: string, value: string): number {
  const patterns = [
    new RegExp(`binding\\s*[=:]\\s*["']${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`),
    new RegExp(`["']${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return text.slice(0, m.index).split('\n').length;
  }
  return 1;
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function bindings(text: string, items: Record<string, unknown>[], key = 'binding'): Binding[] {
  return items
    .filter((i) => typeof i[key] === 'string')
    .map((i) => ({ ...i, binding: String(i[key]), line: lineOf(text, String(i[key])) }));
}

/** Environments ([env.x]) repeat bindings; the top level is the deployed default, so read it and merge envs. */
function withEnvs(cfg: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const out = [...list(cfg[key])];
  if (isRecord(cfg.env)) for (const e of Object.values(cfg.env)) if (isRecord(e)) out.push(...list(e[key]));
  const seen = new Set<string>();
  return out.filter((b) => {
    const id = JSON.stringify(b);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function parseWrangler(path: string, text: string, packagePath: string): Parsed<WranglerConfig> {
  const parsed = path.endsWith('.toml') ? parseTomlText(text, path) : parseJsoncText(text, path);
  if (!parsed.ok) return parsed;
  const cfg = isRecord(parsed.value) ? parsed.value : {};
  const dos = isRecord(cfg.durable_objects) ? list(cfg.durable_objects.bindings) : [];
  const queues = isRecord(cfg.queues) ? cfg.queues : {};
  const unsafe = isRecord(cfg.unsafe) ? list(cfg.unsafe.bindings) : [];
  return {
    ok: true,
    value: {
      path,
      name: typeof cfg.name === 'string' ? cfg.name : null,
      main: typeof cfg.main === 'string' ? cfg.main : null,
      packagePath,
      d1: bindings(text, withEnvs(cfg, 'd1_databases')),
      kv: bindings(text, withEnvs(cfg, 'kv_namespaces')),
      r2: bindings(text, withEnvs(cfg, 'r2_buckets')),
      durableObjects: bindings(text, dos, 'name'),
      services: bindings(text, withEnvs(cfg, 'services')),
      queueProducers: bindings(text, list(queues.producers)),
      queueConsumers: list(queues.consumers)
        .filter((c) => typeof c.queue === 'string')
        .map((c) => ({ queue: String(c.queue), line: lineOf(text, String(c.queue)) })),
      vars: isRecord(cfg.vars) ? cfg.vars : {},
      hasRateLimitBinding: unsafe.some((b) => b.type === 'ratelimit') || list(cfg.ratelimits).length > 0,
    },
  };
}
