import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { DEFAULT_ENV_NAME, ENV_FILE_LOADERS } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { decideReading, envReadingOf, readingAt, settingEvidence, type EnvReading } from '../shared/env-default.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

const PATH_MODULES = ['path', 'node:path'];
/** Words of an env file's name that say development: `.env.development`, `.env.dev`. */
const DEVELOPMENT_WORDS = new Set([DEFAULT_ENV_NAME, 'dev']);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** Whether an env file's name says development (its last path segment, split at dots). */
export function namesDevelopment(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.startsWith('.env') && base.split('.').some((w) => DEVELOPMENT_WORDS.has(w.toLowerCase()));
}

export default defineSourceRule({
  id: 'reliability/dev-env-file',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'The service loads the development env file',
    rationale: 'An env file chosen for development (`.env.development`, or `.env.${NODE_ENV || "development"}` where the deployment never sets NODE_ENV) gives the released service development settings: local database URLs, test keys, debug switches, or nothing at all when the file is not shipped.',
    remediation: { text: 'Load `.env` (or no file) in release code and let the deployment set the variables; if a file per environment is wanted, set NODE_ENV in the Dockerfile or the platform and fail at start when the file is missing.', effort: 'low' },
    messages: {
      fixed: '{{loader}}() loads `{{file}}` in release code: the service runs with the development settings',
      byDefault: '{{loader}}() loads `{{file}}` where the service runs: {{said}}',
    },
  },
  triggers: ['dotenv'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  review(finding, layout, ctx) {
    if (finding.messageId !== 'byDefault') return finding;
    const reading = readingAt(ctx.records(), finding.path, finding.line);
    const outcome = reading ? decideReading(reading, finding.path ?? '', layout, ctx) : null;
    if (!outcome || typeof outcome.value !== 'string' || !namesDevelopment(outcome.value)) return null;
    return { ...finding, data: { ...finding.data, file: outcome.value, said: outcome.said }, evidence: [...finding.evidence, ...settingEvidence(outcome)] };
  },
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const importOf = (id: ts.Identifier) => {
      const b = ctx.scope.resolve(id);
      return b ? (b.kind === 'import' ? b : requireOf(b)) : null;
    };
    /** The loader a callee is (`config` of dotenv, `dotenv.config`), through any import style. */
    const loaderOf = (callee: ts.Expression) => {
      callee = unwrap(callee);
      if (ts.isIdentifier(callee)) {
        const imp = importOf(callee);
        return imp ? ENV_FILE_LOADERS.find((l) => l.module === imp.from && l.export === imp.imported) ?? null : null;
      }
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const imp = importOf(callee.expression);
        return imp && (imp.imported === 'default' || imp.imported === '*') ? ENV_FILE_LOADERS.find((l) => l.module === imp.from && l.export === callee.name.text) ?? null : null;
      }
      return null;
    };
    /** The file name a path expression ends in: the last argument of `path.resolve(...)`/`path.join(...)`. */
    const fileExpr = (e: ts.Expression): ts.Expression => {
      e = unwrap(e);
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression) && e.arguments.length > 0) {
        const imp = importOf(e.expression.expression);
        if (imp && PATH_MODULES.includes(imp.from) && ['resolve', 'join'].includes(e.expression.name.text)) return fileExpr(e.arguments[e.arguments.length - 1]);
      }
      return e;
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const loader = loaderOf(call.expression);
        const opts = loader ? call.arguments[loader.arg] : undefined;
        const o = opts && unwrap(opts);
        if (!loader || !o || !ts.isObjectLiteralExpression(o)) return;
        const prop = o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === loader.key);
        if (!prop) return;
        const file = fileExpr(prop.initializer);
        const name = `${loader.module}.${loader.export}`;
        if (ts.isStringLiteralLike(file)) {
          if (namesDevelopment(file.text)) ctx.report({ node: prop, messageId: 'fixed', data: { loader: name, file: file.text } });
          return;
        }
        const reading: EnvReading | null = envReadingOf(file, ctx.sourceFile, ctx.scope);
        const dep = reading?.dependence;
        if (!reading || !dep) return;
        const gives = [dep.value, ...dep.when.map((w) => w.value)];
        if (!gives.some((v) => typeof v === 'string' && namesDevelopment(v))) return;
        ctx.emit({ line: ctx.lineOf(prop), reading: reading as unknown as Record<string, unknown> });
        ctx.report({ node: prop, messageId: 'byDefault', data: { loader: name, file: String(dep.value), said: reading.text } });
      },
    };
  },
});
