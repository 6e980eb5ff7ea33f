// "CORS restricted to the dashboard origin", "JWT verification pins the algorithm", "X-Frame-Options:
// SAMEORIGIN via lusca", "Gravatar: SHA-256 of the email", "`email` is unique and lowercased",
// "Optic middleware, disabled in production", "Job retention: complete 200, failed 500": a library
// option. The call is resolved through the file's imports (syntax.ts), its option read from the
// argument the knowledge entry names, and judged where a production entry reaches it.
import ts from 'typescript';
import {
  CORS_LIBRARIES, CORS_ORIGIN_OPTION, digestName, FIELD_OPTION_WORDS, FRAME_OPTION_SITES, HASH_ALGORITHM_SITES, JOB_QUEUE_MODULES,
  JOB_RETENTION_OPTIONS, JWT_ALGORITHM_OPTIONS, SCHEMA_CONSTRUCTORS,
} from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { reachAt, unreached } from './reach.js';
import { callIs, conditionsOf, evaluate, type ImportedCall, importedCalls, lineOf, type ParsedFile, parsedFile, propertyAt, UNKNOWN, type Value } from './syntax.js';
import { overlap, stems } from './value.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable, type Verifier } from './context.js';

const live = (ctx: CheckContext, c: Hit) => !unreached(reachAt(ctx, c));
const argOf = (c: ImportedCall, i: number) => c.node.arguments?.[i];
const show = (v: Value) => (v === UNKNOWN ? '(computed)' : JSON.stringify(v));

/** Which option a claim is about, read from its words; null when it names none of these. */
export function optionClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__/g, '');
  const codes = [...t.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
  if (/\bcors\b/i.test(t) && /\b(restrict\w*|origins?|allow\w*|whitelist\w*|open|any|every)\b/i.test(t)) {
    return { topic: 'cors', open: /\b(all|any|every) origins?\b|\bopen\b|`\*`/i.test(t) && !/\brestrict/i.test(t) };
  }
  if (/\balgorithms?\b/i.test(t) && /\b(jwt|tokens?)\b/i.test(t) && /\b(pin\w*|restrict\w*|allow\w*|only|fixed|explicit)\b/i.test(t)) {
    return { topic: 'jwt-algorithms', names: codes.filter((c) => /^[\w.$]+$/.test(c)).join(',') };
  }
  const frame = t.match(/\b(?:x-frame-options|clickjacking|frameguard|xframe)\b[^|]*?\b(SAMEORIGIN|DENY)\b/i);
  if (frame) return { topic: 'frame', value: frame[1].toUpperCase() };
  const digest = t.match(/\b(md5|sha-?1|sha-?256|sha-?384|sha-?512)\b/i);
  if (digest && /\bhash\w*|digest/i.test(t)) return { topic: 'hash', algorithm: digestName(digest[1]) ?? digest[1], about: t.replace(digest[0], ' ') };
  if (/\btimestamps\b/i.test(t) && /createdAt|updatedAt|every|each|all|on\b/i.test(t)) return { topic: 'timestamps' };
  const field = codes.map((c) => c.match(/^(?:([A-Z]\w*)\.)?([a-z]\w*)$/)).find(Boolean);
  const options = FIELD_OPTION_WORDS.filter((w) => w.words.test(t)).map((w) => w.option);
  if (field && options.length && !/\b(index(es)?|migrations?|column|table)\b/i.test(t.replace(/unique index/i, ''))) {
    return { topic: 'field', model: field[1] ?? '', field: field[2], options: options.join(',') };
  }
  const env = t.match(/\b(disabled|off|turned off|not (?:enabled|mounted|loaded)) in production\b|\bonly (?:shown |enabled |mounted )?(?:in|for) development\b|\bdevelopment only\b/i);
  if (env) return { topic: 'env', inProduction: false, ...(/development/i.test(env[0]) ? { inDevelopment: true } : {}), names: [...codes, ...(t.match(/\b[A-Z][a-z]+[A-Za-z]*\b/g) ?? [])].join(',') };
  const url = codes.find((c) => /^[a-z][\w+.-]*:\/\/\S+$/.test(c));
  if (url && /\bdefault\b|\bfallback\b/i.test(t)) return { topic: 'default', value: url };
  const generated = t.match(/\b(?:generated|created|made|produced) (?:with|by|using|via) `([\w$]+(?:\.[\w$]+)+)`/i);
  if (generated) return { topic: 'generated', callee: generated[1], about: t.replace(generated[0], ' ') };
  const mw = t.match(/^(?:\[x\]\s*)?(?:[A-Z]\w+ )?([a-z][\w-]{3,}) (?:middleware )?(?:is )?(?:enabled|mounted|turned on)\.?$/);
  if (mw) return { topic: 'middleware', name: mw[1] };
  const retention = t.match(/\b(?:retention|remove ?on)\b/i) && t.match(/\bcomplete\w*:?\s*(\d+)/i);
  const failed = t.match(/\bfail\w*:?\s*(\d+)/i);
  if (retention && failed) return { topic: 'retention', complete: Number(retention[1]), failed: Number(failed[1]) };
  return null;
}

// ---- CORS ----

function cors(ctx: CheckContext, s: Subject): Check {
  const sites = importedCalls(ctx).flatMap((c) => {
    const lib = CORS_LIBRARIES.find((l) => l.how === 'call' && callIs(c, l.package, l.export));
    return lib ? [{ c, lib }] : [];
  }).filter(({ c }) => live(ctx, c));
  if (sites.length === 0) return unverifiable('no call of a CORS middleware verdict knows (cors, @koa/cors, hono/cors) in code a production entry reaches');
  const judged = sites.map(({ c, lib }) => {
    const opts = argOf(c, lib.optionsArg);
    const origin = opts ? propertyAt(opts, CORS_ORIGIN_OPTION, c.file) : undefined;
    const v = origin ? evaluate(origin, c.file) : undefined;
    const any = !opts || (origin === undefined && lib.defaultOrigin === 'any') || v === '*' || v === true;
    return { c, any, v, written: opts !== undefined };
  });
  const open = judged.filter((j) => j.any);
  const ev = (js: typeof judged): Evidence[] => js.slice(0, 2).map((j) => fileEvidence(j.c));
  if (s.open) return open.length ? confirmed(`${open[0].c.path}:${open[0].c.line} lets every origin call the API (${open[0].written ? 'origin * or true' : 'no options: the library\'s default is every origin'})`, ev(open))
    : contradicted(`every CORS middleware names its origins (first ${judged[0].c.path}:${judged[0].c.line}, origin ${show(judged[0].v ?? UNKNOWN)})`, ev(judged));
  if (open.length) return contradicted(`the CORS middleware at ${open[0].c.path}:${open[0].c.line} allows every origin (${open[0].written ? 'origin * or true' : 'called with no options: the default origin is *'}): nothing restricts it`, ev(open));
  return confirmed(`CORS names its origins at ${judged[0].c.path}:${judged[0].c.line} (origin ${show(judged[0].v ?? UNKNOWN)})`, ev(judged));
}

// ---- JWT algorithms ----

function jwtAlgorithms(ctx: CheckContext, s: Subject): Check {
  const sites = importedCalls(ctx).flatMap((c) => {
    const o = JWT_ALGORITHM_OPTIONS.find((x) => callIs(c, x.module, x.export));
    return o && live(ctx, c) ? [{ c, option: argOf(c, o.arg) ? propertyAt(argOf(c, o.arg), o.key!, c.file) : undefined }] : [];
  });
  if (sites.length === 0) return unverifiable('no JWT verification call verdict knows (jsonwebtoken verify, express-jwt, jose jwtVerify) in code a production entry reaches');
  const bare = sites.filter((x) => !x.option);
  if (bare.length) return contradicted(`the JWT verification at ${bare[0].c.path}:${bare[0].c.line} passes no \`algorithms\` option: the algorithm is not pinned`, [fileEvidence(bare[0].c), figure('verification calls without algorithms', bare.length)]);
  const names = String(s.names ?? '').split(',').filter(Boolean);
  const texts = sites.map((x) => x.option!.getText(x.c.file.sf));
  const missing = names.filter((n) => !texts.every((t) => t.includes(n)));
  const at = sites.map((x) => lineOf(x.option!, x.c.file));
  if (names.length && missing.length === names.length) return contradicted(`the algorithms option at ${at[0].path}:${at[0].line} is \`${texts[0]}\`, not ${names.join(', ')}`, at.slice(0, 2).map(fileEvidence));
  return confirmed(`every JWT verification (${sites.length}) pins its algorithms: \`${texts[0]}\` at ${at[0].path}:${at[0].line}`, at.slice(0, 2).map(fileEvidence));
}

// ---- X-Frame-Options ----

function frame(ctx: CheckContext, s: Subject): Check {
  const sites = importedCalls(ctx).flatMap((c) => {
    const o = FRAME_OPTION_SITES.find((x) => callIs(c, x.module, x.export));
    if (!o || !live(ctx, c)) return [];
    const a = argOf(c, o.arg);
    const e = o.key ? (a ? propertyAt(a, o.key, c.file) : undefined) : a;
    // helmet() or lusca() without the option still sends its default; lusca({}) without xframe sends none.
    if (o.key === 'xframe' && !e) return [];
    const v = e ? evaluate(e, c.file) : o.default;
    return [{ c, v: typeof v === 'string' ? v.toUpperCase() : v }];
  });
  if (sites.length === 0) return contradicted('no call in code a production entry reaches sets X-Frame-Options (lusca.xframe, helmet frameguard)', [figure('X-Frame-Options settings in release code', 0)]);
  const same = sites.filter((x) => x.v === s.value);
  if (same.length) return confirmed(`X-Frame-Options ${String(s.value)} at ${same[0].c.path}:${same[0].c.line}`, [fileEvidence(same[0].c)]);
  const known = sites.find((x) => x.v !== UNKNOWN);
  return known ? contradicted(`X-Frame-Options is ${show(known.v)} at ${known.c.path}:${known.c.line}, not ${String(s.value)}`, [fileEvidence(known.c)])
    : unverifiable(`X-Frame-Options is computed at ${sites[0].c.path}:${sites[0].c.line}`);
}

// ---- hash algorithms ----

/** Names around a node: the functions holding it and what they are assigned to (`schema.methods.gravatar = function`). */
function holderWords(n: ts.Node, f: ParsedFile): Set<string> {
  const parts: string[] = [];
  for (let p: ts.Node | undefined = n; p && !ts.isSourceFile(p); p = p.parent) {
    if (!ts.isFunctionLike(p)) continue;
    const named = (p as { name?: ts.Node }).name;
    if (named) parts.push(named.getText(f.sf));
    const up = p.parent;
    if (up && ts.isBinaryExpression(up) && up.operatorToken.kind === ts.SyntaxKind.EqualsToken) parts.push(up.left.getText(f.sf));
    if (up && (ts.isVariableDeclaration(up) || ts.isPropertyAssignment(up))) parts.push(up.name.getText(f.sf));
  }
  return stems(parts.join(' '));
}

const HASH_WORDS = stems('hash hashing hashed digest algorithm of the with using via');

function hash(ctx: CheckContext, s: Subject): Check {
  const about = new Set([...stems(String(s.about))].filter((w) => !overlap(HASH_WORDS, new Set([w])).length));
  const sites = importedCalls(ctx).flatMap((c) => {
    const o = HASH_ALGORITHM_SITES.find((x) => callIs(c, x.module, x.export));
    if (!o || !live(ctx, c)) return [];
    const v = evaluate(argOf(c, o.arg), c.file);
    return [{ c, algorithm: typeof v === 'string' ? digestName(v) ?? v : null, hit: overlap(about, holderWords(c.node, c.file)) }];
  });
  const best = Math.max(0, ...sites.map((x) => x.hit.length));
  const near = sites.filter((x) => best > 0 && x.hit.length === best && x.algorithm);
  if (near.length === 0) return unverifiable(sites.length ? `${sites.length} hash call(s) in release code, none in a function named for what the report says is hashed` : 'no hash call (crypto createHash/createHmac) in code a production entry reaches');
  const same = near.filter((x) => x.algorithm === s.algorithm);
  if (same.length === near.length) return confirmed(`${String(s.algorithm)} at ${near[0].c.path}:${near[0].c.line} (in the code named ${near[0].hit.join(', ')})`, near.slice(0, 2).map((x) => fileEvidence(x.c)));
  const other = near.find((x) => x.algorithm !== s.algorithm)!;
  return contradicted(`the hash at ${other.c.path}:${other.c.line} (in the code named ${other.hit.join(', ')}) is ${other.algorithm}, not ${String(s.algorithm)}`, [fileEvidence(other.c)]);
}

// ---- mongoose schemas ----

interface SchemaSite { c: ImportedCall; model: string | null; fields: ts.Expression | undefined; options: ts.Expression | undefined }

/** `mongoose.model('User', userSchema)`: the model name a schema is registered under, when its file says. */
function modelOf(ctx: CheckContext, c: ImportedCall): string | null {
  const decl = c.node.parent;
  const name = decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? decl.name.text : null;
  if (!name) return null;
  const reg = importedCalls(ctx).find((m) => m.path === c.path && (callIs(m, 'mongoose', 'default.model') || callIs(m, 'mongoose', 'model'))
    && m.node.arguments?.[1] && ts.isIdentifier(m.node.arguments[1]) && m.node.arguments[1].text === name);
  const v = reg ? evaluate(reg.node.arguments?.[0], reg.file) : UNKNOWN;
  return typeof v === 'string' ? v : null;
}

function schemas(ctx: CheckContext): SchemaSite[] {
  return importedCalls(ctx).flatMap((c) => {
    const k = SCHEMA_CONSTRUCTORS.find((x) => ts.isNewExpression(c.node) && callIs(c, x.module, x.export));
    return k && live(ctx, c) ? [{ c, model: modelOf(ctx, c), fields: argOf(c, k.fieldsArg), options: argOf(c, k.optionsArg) }] : [];
  });
}

function timestamps(ctx: CheckContext): Check {
  const all = schemas(ctx);
  if (all.length === 0) return unverifiable('no mongoose schema in code a production entry reaches');
  const off = all.filter((x) => evaluate(x.options ? propertyAt(x.options, 'timestamps', x.c.file) : undefined, x.c.file) !== true);
  if (off.length) return contradicted(`the schema at ${off[0].c.path}:${off[0].c.line} does not set \`timestamps: true\``, [fileEvidence(off[0].c), figure('schemas without timestamps', off.length)]);
  const at = lineOf(propertyAt(all[0].options, 'timestamps', all[0].c.file)!, all[0].c.file);
  return confirmed(`every schema (${all.length}) sets \`timestamps: true\` (createdAt, updatedAt), first at ${at.path}:${at.line}`, [fileEvidence(at)]);
}

function field(ctx: CheckContext, s: Subject): Check {
  const name = String(s.field);
  const all = schemas(ctx).filter((x) => !s.model || x.model === null || x.model === s.model);
  const holding = all.map((x) => ({ ...x, def: propertyAt(x.fields, name, x.c.file) })).filter((x) => x.def);
  if (holding.length === 0) return unverifiable(all.length ? `no schema in release code has a field \`${name}\`` : 'no mongoose schema in code a production entry reaches');
  if (holding.length > 1) return unverifiable(`${holding.length} schemas have a field \`${name}\` and the report does not say which`);
  const h = holding[0];
  const at = lineOf(h.def!, h.c.file);
  const wanted = String(s.options).split(',');
  const v = evaluate(h.def, h.c.file);
  const opts = v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegExp) ? v as Record<string, Value> : {};
  const missing = wanted.filter((o) => !(opts[o] === true || (Array.isArray(opts[o]) && (opts[o] as Value[])[0] === true)));
  if (missing.length) return contradicted(`the field \`${name}\` at ${at.path}:${at.line} does not set ${missing.map((m) => `\`${m}: true\``).join(', ')}`, [fileEvidence(at)]);
  return confirmed(`the field \`${name}\` at ${at.path}:${at.line} sets ${wanted.map((m) => `\`${m}: true\``).join(', ')}`, [fileEvidence(at)]);
}

// ---- on in one environment, off in another ----

function onIn(c: ImportedCall, NODE_ENV: string): boolean | null {
  for (const { test, holds } of conditionsOf(c.node)) {
    const v = evaluate(test, c.file, { NODE_ENV });
    if (v === UNKNOWN) return null;
    if (Boolean(v) !== holds) return false;
  }
  const opts = argOf(c, 0);
  const enabled = opts ? propertyAt(opts, 'enabled', c.file) : undefined;
  if (enabled) { const v = evaluate(enabled, c.file, { NODE_ENV }); return v === UNKNOWN ? null : Boolean(v); }
  return true;
}

function environment(ctx: CheckContext, s: Subject): Check {
  const names = String(s.names).split(',').filter((n) => n.length > 2).map((n) => n.toLowerCase());
  const named = importedCalls(ctx).filter((c) => names.some((n) => c.module.toLowerCase().includes(n) || c.module.replace(/[^a-z]/gi, '').toLowerCase() === n.replace(/[^a-z]/gi, '')));
  if (named.length === 0) return unverifiable(`no call of a package the line names (${names.join(', ')}) in release code`);
  const c = named[0];
  const prod = onIn(c, 'production');
  const dev = onIn(c, 'development');
  if (prod === null || (s.inDevelopment && dev === null)) return unverifiable(`the condition around ${c.path}:${c.line} depends on more than NODE_ENV`);
  const ev = [fileEvidence(c), ...conditionsOf(c.node).slice(0, 1).map((x) => fileEvidence(lineOf(x.test, c.file)))];
  if (prod) return contradicted(`${c.module} at ${c.path}:${c.line} runs when NODE_ENV is production`, ev);
  if (s.inDevelopment && !dev) return contradicted(`${c.module} at ${c.path}:${c.line} does not run in development either`, ev);
  return confirmed(`${c.module} at ${c.path}:${c.line} runs only when NODE_ENV is not production${s.inDevelopment ? ' (on in development)' : ''}`, ev);
}

// ---- job retention ----

/** Object literals in release code that set a job retention option, with the counts they keep. */
function retentionSites(ctx: CheckContext): Array<{ at: ReturnType<typeof lineOf>; counts: Record<string, Value> }> {
  const keys = JOB_RETENTION_OPTIONS.map((o) => o.option);
  const out: Array<{ at: ReturnType<typeof lineOf>; counts: Record<string, Value> }> = [];
  for (const path of ctx.repo.serviceFiles()) {
    const f = parsedFile(ctx, path);
    if (!f || !keys.some((k) => f.lines.some((l) => l.includes(k)))) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isObjectLiteralExpression(n)) {
        const counts: Record<string, Value> = {};
        for (const k of keys) { const e = propertyAt(n, k, f); if (e) counts[k] = evaluate(e, f); }
        if (Object.keys(counts).length) out.push({ at: lineOf(n, f), counts });
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  return out;
}

function retention(ctx: CheckContext, s: Subject): Check {
  const queues = importedCalls(ctx).filter((c) => JOB_QUEUE_MODULES.includes(c.module));
  if (queues.length === 0) return unverifiable('no job queue (bullmq, bull) in release code');
  const sites = retentionSites(ctx).filter((x) => live(ctx, x.at));
  if (sites.length === 0) return contradicted(`no job retention option (removeOnComplete/removeOnFail) in code a production entry reaches; the queues are built at ${queues[0].path}:${queues[0].line}`, [fileEvidence(queues[0]), figure('retention options in release code', 0)]);
  const want: Record<string, number> = { removeOnComplete: Number(s.complete), removeOnFail: Number(s.failed) };
  const good = sites.filter((x) => Object.entries(want).every(([k, n]) => x.counts[k] === n));
  if (good.length) return confirmed(`removeOnComplete ${want.removeOnComplete}, removeOnFail ${want.removeOnFail} at ${good[0].at.path}:${good[0].at.line}${good.length > 1 ? ` (and ${good.length - 1} more)` : ''}`, good.slice(0, 2).map((x) => fileEvidence(x.at)));
  const other = sites.find((x) => Object.values(x.counts).some((v) => typeof v === 'number'));
  return other ? contradicted(`the code keeps other counts: ${Object.entries(other.counts).map(([k, v]) => `${k} ${show(v)}`).join(', ')} at ${other.at.path}:${other.at.line}`, [fileEvidence(other.at)])
    : unverifiable(`retention options at ${sites[0].at.path}:${sites[0].at.line} are not plain counts`);
}

// ---- a default written as a fallback ----

function fallback(ctx: CheckContext, s: Subject): Check {
  const want = String(s.value);
  const found: Array<{ at: Hit; fallback: boolean }> = [];
  for (const path of ctx.repo.serviceFiles()) {
    const f = parsedFile(ctx, path);
    if (!f || !f.lines.some((l) => l.includes(want))) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteralLike(n) && n.text === want) {
        const p = n.parent;
        const isFallback = ts.isBinaryExpression(p) && p.right === n && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
          && /\benv\b/.test(p.left.getText(f.sf));
        found.push({ at: lineOf(n, f), fallback: isFallback });
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  const fb = found.filter((x) => x.fallback && live(ctx, x.at));
  if (fb.length) return confirmed(`${want} is the fallback when the environment sets none, at ${fb[0].at.path}:${fb[0].at.line}`, fb.slice(0, 2).map((x) => fileEvidence(x.at)));
  if (found.length) return unverifiable(`${want} is written at ${found[0].at.path}:${found[0].at.line}, not as the fallback of an environment variable`);
  return contradicted(`${want} appears nowhere in the release code`, [figure(`release files holding ${want}`, 0)]);
}

// ---- a value generated with a named function ----

function generated(ctx: CheckContext, s: Subject): Check {
  const [mod, ...rest] = String(s.callee).split('.');
  const about = new Set([...stems(String(s.about))].filter((w) => !/^(generat|creat|produc|made)/.test(w)));
  const sites = importedCalls(ctx).filter((c) => (c.module === mod && c.members.join('.') === rest.join('.')) || (c.module === mod.toLowerCase() && c.name === rest.join('.')))
    .filter((c) => live(ctx, c)).map((c) => ({ c, hit: overlap(about, holderWords(c.node, c.file)) }));
  const near = sites.filter((x) => x.hit.length > 0);
  if (near.length) return confirmed(`\`${String(s.callee)}\` is called at ${near[0].c.path}:${near[0].c.line}, in the code named ${near[0].hit.join(', ')}`, near.slice(0, 2).map((x) => fileEvidence(x.c)));
  return unverifiable(sites.length ? `\`${String(s.callee)}\` is called (${sites[0].c.path}:${sites[0].c.line}), but not in code named for what the report says it makes` : `no call of \`${String(s.callee)}\` in code a production entry reaches`);
}

// ---- a middleware package mounted on the app ----

function middleware(ctx: CheckContext, s: Subject): Check | null {
  const calls = importedCalls(ctx).filter((c) => c.module === String(s.name) && (c.name === 'default' || c.name === '*') && c.members.length === 0);
  if (calls.length === 0) return unverifiable(`no release file imports a package named ${String(s.name)}`);
  const used = calls.filter((c) => { const p = c.node.parent; return ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'use' && live(ctx, c); });
  if (used.length) return confirmed(`${String(s.name)} is mounted with \`use\` at ${used[0].path}:${used[0].line}`, [fileEvidence(used[0])]);
  return contradicted(`${String(s.name)} is called at ${calls[0].path}:${calls[0].line} but never mounted with \`use\` in code a production entry reaches`, [fileEvidence(calls[0])]);
}

export const option: Verifier = (s, ctx) => {
  switch (s.topic) {
    case 'cors': return cors(ctx, s);
    case 'jwt-algorithms': return jwtAlgorithms(ctx, s);
    case 'frame': return frame(ctx, s);
    case 'hash': return hash(ctx, s);
    case 'timestamps': return timestamps(ctx);
    case 'field': return field(ctx, s);
    case 'env': return environment(ctx, s);
    case 'retention': return retention(ctx, s);
    case 'default': return fallback(ctx, s);
    case 'generated': return generated(ctx, s);
    case 'middleware': return middleware(ctx, s) ?? unverifiable('no middleware call');
    default: return unverifiable(`no check for the option topic ${String(s.topic)}`);
  }
};
