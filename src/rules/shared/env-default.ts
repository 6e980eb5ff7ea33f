// What a value that depends on the environment (`process.env.NODE_ENV === 'production'`, `config.isProd`)
// is where the service runs: the deployment's settings for the variables it reads (deploy-env.ts), else
// the default configuration (every variable unset; collect/conditions.ts envDependenceOf).
// Source rules record the reading; their reviews decide it here with the repository's deployment files,
// and follow a value imported from a config module through the link (collect/symbols `defaults`).
import ts from 'typescript';
import { envDependenceOf, refShape, type EnvDependence } from '../../collect/conditions.js';
import { importedRead } from '../../collect/collectors/routes-ast.js';
import type { Scope } from '../../collect/scope.js';
import type { FactRecord } from '../../collect/index.js';
import type { RepoLayout } from '../../discover/index.js';
import type { Evidence } from '../../model/run.js';
import type { ReviewContext } from '../api.js';
import { ENV_CONVENTIONS } from '../../knowledge/index.js';
import { deploymentSettings, type DeploySetting } from './deploy-env.js';

/** A reading a source rule recorded: the value decided in its file, or an imported one to resolve. */
export interface EnvReading {
  /** The expression as written (`process.env.NODE_ENV === 'production'`). */
  text: string;
  dependence?: EnvDependence;
  /** `config.isProd` read on an import: the module, its export, the member path, and a `!` in front. */
  ref?: { from: string; imported: string; members: string[]; negate: boolean };
}

export interface EnvOutcome {
  /** The value the service runs with: under the deployment's settings, else the default configuration. */
  value: string | boolean | null;
  /** The value with nothing set. */
  defaultValue: string | boolean | null;
  /** The settings that decided it; empty when the deployment sets none of the variables read. */
  setBy: DeploySetting[];
  vars: readonly string[];
  /** An environment-name field (`config.env`) taken as 'development': an assumption, not a read. */
  namedDefault: boolean;
  /** Where an imported value was decided (`src/config.ts:4`). */
  via: string | null;
  /** The evidence, in one sentence. */
  said: string;
  /** What was decided from: the value with nothing set and with each variable set. */
  dependence: EnvDependence;
}

const show = (v: string | boolean | null): string => (v === null ? 'undefined' : typeof v === 'string' ? `'${v}'` : String(v));
const at = (s: DeploySetting): string => `${s.name}=${s.value} (${s.path}:${s.line}, ${s.via})`;

/** What the reading gives under the deployment's settings; null when an imported value cannot be decided. */
export function decideReading(reading: EnvReading, fromFile: string, layout: RepoLayout, ctx: ReviewContext): EnvOutcome | null {
  let dep = reading.dependence ?? null;
  let via: string | null = null;
  if (!dep && reading.ref) {
    const r = resolveRef(reading.ref, fromFile, ctx);
    if (!r) return null;
    [dep, via] = [r.dependence, r.via];
  }
  if (!dep) return null;
  const settings = ctx.memo('deployment-settings', () => deploymentSettings(ctx.documents, layout));
  const setBy = dep.vars.map((v) => settings.get(v)?.[0]).filter((s): s is DeploySetting => s !== undefined);
  const negate = (v: string | boolean | null) => (reading.ref?.negate && !reading.dependence ? !v : v);
  const defaultValue = negate(dep.value);
  let value = defaultValue;
  const first = setBy[0];
  if (first) {
    const w = dep.when.find((x) => x.name === first.name && x.set === first.value) ?? dep.when.find((x) => x.name === first.name && x.set === null);
    // A value holding what was set (`.env.<set>` of a template) holds the deployment's value.
    if (w) value = negate(typeof w.value === 'string' && w.set === null ? w.value.split('<set>').join(first.value) : w.value);
  }
  const subject = `\`${reading.text}\`${via ? ` (${via})` : ''}`;
  const said = setBy.length === 0
    ? `${subject} is ${show(defaultValue)} with ${dep.vars.join(', ')} unset, and no deployment file sets ${dep.vars.length > 1 ? 'them' : 'it'} (Dockerfile ENV, compose environment, fly.toml, render.yaml, Kubernetes env, wrangler vars, start script, .env.example)`
      + (dep.namedDefault ? `; ${dep.vars.includes('NODE_ENV') ? 'the environment name is taken as \'development\', the default config modules give' : ''}` : '')
    : `${subject} is ${show(value)} with ${setBy.map(at).join(', ')}; ${show(defaultValue)} where it is not set`;
  return { value, defaultValue, setBy, vars: dep.vars, namedDefault: dep.namedDefault === true, via, said, dependence: dep };
}

/**
 * What an outcome no deployment file decided gives under a documented convention (knowledge
 * ENV_CONVENTIONS: NODE_ENV=production where the service runs): the value and the convention, or null
 * when it reads no variable with one.
 */
export function conventionalValue(outcome: EnvOutcome): { value: string | boolean | null; name: string; set: string } | null {
  for (const c of ENV_CONVENTIONS) {
    if (!outcome.vars.includes(c.name)) continue;
    const when = outcome.dependence.when;
    const w = when.find((x) => x.name === c.name && x.set === c.production) ?? when.find((x) => x.name === c.name && x.set === null);
    if (!w) continue;
    const negate = (v: string | boolean | null) => (outcome.defaultValue !== outcome.dependence.value ? !v : v);
    return { value: negate(typeof w.value === 'string' && w.set === null ? w.value.split('<set>').join(c.production) : w.value), name: c.name, set: c.production };
  }
  return null;
}

/** The export a ref reaches and its value in the default configuration (collect/symbols `defaults`), with where it is. */
function resolveRef(ref: NonNullable<EnvReading['ref']>, fromFile: string, ctx: ReviewContext): { dependence: EnvDependence; via: string } | null {
  const link = ctx.link;
  const target = link.resolveImport(fromFile, ref.from);
  let t = target ? link.resolveExport(target, ref.imported) : null;
  let members = ref.members;
  if (t && 'module' in t && members.length > 0) [t, members] = [link.resolveExport(t.module, members[0]), members.slice(1)];
  if (!t || !('decl' in t)) return null;
  const d = t.decl.defaults?.find((x) => x.member === members.join('.'));
  if (!d || !d.vars) return null;
  return {
    dependence: { value: d.value, vars: [...d.vars], when: [...(d.when ?? [])], ...(d.namedDefault ? { namedDefault: true as const } : {}) },
    via: `${t.decl.path}:${d.line}: \`${d.text}\``,
  };
}

/** The reading a source rule recorded for the finding at `path:line` (its `ctx.emit({ line, reading })`). */
export function readingAt(records: readonly FactRecord[], path: string | null, line: number): EnvReading | null {
  const r = records.find((x) => x.path === path && x.line === line && typeof x.reading === 'object');
  return r ? (r.reading as EnvReading) : null;
}

/**
 * The reading of a value a source rule judges: decided in its file when it reads the environment
 * (through consts, destructuring and config objects of the file), or an imported value the review
 * resolves (`config.isProd`). Null for anything else (a literal, a call, a parameter).
 */
export function envReadingOf(e: ts.Expression, sf: ts.SourceFile, scope: Scope): EnvReading | null {
  const text = e.getText(sf).replace(/\s+/g, ' ').slice(0, 100);
  const dependence = envDependenceOf(e, scope);
  if (dependence) return { text, dependence };
  const ref = importedRead(refShape(e), scope);
  return ref ? { text, ref: { from: ref.from, imported: ref.imported, members: [...ref.members], negate: ref.negate } } : null;
}

/** Whether any configuration the reading knows (the default, one variable set) gives a value `test` accepts. */
export function canGive(reading: EnvReading, test: (v: string | boolean | null) => boolean): boolean {
  if (!reading.dependence) return true;
  return test(reading.dependence.value) || reading.dependence.when.some((w) => test(w.value));
}

/** The deployment files that decided an outcome, as evidence. */
export function settingEvidence(outcome: EnvOutcome): Evidence[] {
  return outcome.setBy.map((s) => ({ kind: 'file' as const, path: s.path, line: s.line, snippet: `${s.name}=${s.value} (${s.via})` }));
}
