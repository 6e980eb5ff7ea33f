import ts from 'typescript';
import { declIdOf } from '../../collect/decl-id.js';
import { runsIn } from '../../collect/runs.js';
import { requireOf, type Binding } from '../../collect/scope.js';
import { DATA_WIPE_METHODS, DATA_WIPE_PACKAGES, dataWipesOf, type DataWipe } from '../../knowledge/index.js';
import type { RepoLayout } from '../../discover/index.js';
import { MODULE, keyOf } from '../../link/graph.js';
import type { SourceContext } from '../../collect/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

type How = DataWipe['made'][number]['how'];
interface Made { package: string; how: How; export: string }

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};

/** A package of the knowledge, as an import names it (`ioredis`, not `./redis`). */
const ofPackage = (from: string): string | null => (DATA_WIPE_PACKAGES.includes(from) ? from : null);

/** The import a binding is (`import x from 'p'`, `const x = require('p')`), or null. */
function importOf(b: Binding | null): { from: string; imported: string } | null {
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

/** How a value was made from a package: `new X()`, `f()`, `ns.f()`, or the module itself. */
function madeBy(e: ts.Expression, ctx: SourceContext): Made | null {
  e = unwrap(e);
  // `globalThis.prisma ?? new PrismaClient()`: the client made when none is kept.
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) return madeBy(e.right, ctx) ?? madeBy(e.left, ctx);
  const callee = ts.isNewExpression(e) || ts.isCallExpression(e) ? unwrap(e.expression) : null;
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
    const p = ofPackage(e.arguments[0].text);
    return p ? { package: p, how: 'module', export: 'default' } : null;
  }
  if (!callee) return null;
  const how = ts.isNewExpression(e) ? 'new' : 'call';
  if (ts.isIdentifier(callee)) {
    const imp = importOf(ctx.scope.resolve(callee));
    const p = imp ? ofPackage(imp.from) : null;
    return p ? { package: p, how, export: imp!.imported === '*' ? 'default' : imp!.imported } : null;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const imp = importOf(ctx.scope.resolve(callee.expression));
    const p = imp ? ofPackage(imp.from) : null;
    if (!p) return null;
    if (imp!.imported === '*' || imp!.imported === 'default') return { package: p, how: how === 'new' ? 'new' : 'member', export: callee.name.text };
  }
  return null;
}

/** A declared type naming a package's export (`redis: Redis`, `private prisma: PrismaClient`). */
function typedBy(type: ts.TypeNode | undefined, ctx: SourceContext): Made | null {
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return null;
  const imp = importOf(ctx.scope.resolve(type.typeName));
  const p = imp ? ofPackage(imp.from) : null;
  return p ? { package: p, how: 'type', export: imp!.imported === '*' ? 'default' : imp!.imported } : null;
}

/** What a receiver's root is: made from a package here, or imported from another file of the repository (the review resolves it). */
type Root = { made: Made } | { spec: string; imported: string } | null;

function rootOf(e: ts.Expression, ctx: SourceContext): Root {
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = e.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls || !ts.isClassLike(cls)) return null;
    for (const m of cls.members) {
      if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === e.name.text) {
        const made = (m.initializer ? madeBy(m.initializer, ctx) : null) ?? typedBy(m.type, ctx);
        return made ? { made } : null;
      }
      if (ts.isConstructorDeclaration(m)) {
        const p = m.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === e.name.text && ts.isParameterPropertyDeclaration(x, m));
        const made = p ? typedBy(p.type, ctx) : null;
        if (made) return { made };
      }
    }
    return null;
  }
  if (!ts.isIdentifier(e)) return null;
  const b = ctx.scope.resolve(e);
  const imp = importOf(b);
  if (imp) {
    const p = ofPackage(imp.from);
    if (p) return { made: { package: p, how: 'module', export: imp.imported === '*' ? 'default' : imp.imported } };
    return { spec: imp.from, imported: imp.imported };
  }
  if (b?.kind === 'variable') {
    const made = (b.initializer ? madeBy(b.initializer, ctx) : null) ?? typedBy(b.decl.type, ctx);
    return made ? { made } : null;
  }
  if (b?.kind === 'parameter') {
    const made = typedBy(b.decl.type, ctx);
    return made ? { made } : null;
  }
  return null;
}

/** Whether the wipe's argument condition holds (`true`; absent or `{}`). */
function argumentHolds(w: DataWipe, call: ts.CallExpression): boolean {
  if (!w.when) return true;
  const a = call.arguments[w.when.argument];
  if (w.when.is === 'true') return a !== undefined && unwrap(a).kind === ts.SyntaxKind.TrueKeyword;
  return a === undefined || (ts.isObjectLiteralExpression(unwrap(a)) && (unwrap(a) as ts.ObjectLiteralExpression).properties.length === 0);
}

/** A call's member chain after its root: `client.db().dropDatabase()` -> root `client`, `['db', 'dropDatabase']`. */
function chainOf(call: ts.CallExpression): { root: ts.Expression; chain: string[] } | null {
  const chain: string[] = [];
  let e: ts.Expression = call.expression;
  for (let i = 0; i < 6; i++) {
    e = unwrap(e);
    if (ts.isCallExpression(e)) { e = e.expression; continue; }
    if (!ts.isPropertyAccessExpression(e)) break;
    if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return { root: e, chain };
    chain.unshift(e.name.text);
    e = e.expression;
  }
  return chain.length > 0 ? { root: e, chain } : null;
}

const HIDDEN = ['declId', 'viaSpec', 'viaImported', 'viaChain'] as const;

/** The data's hidden parts (what the review reads), and the shown rest. */
function split(f: RuleFinding): { hidden: Record<string, string>; data: Record<string, string | number> } {
  const data = { ...(f.data ?? {}) } as Record<string, string | number>;
  const hidden: Record<string, string> = {};
  for (const k of HIDDEN) if (k in data) { hidden[k] = String(data[k]); delete data[k]; }
  return { hidden, data };
}

/** A client another file of the repository exports, made from a package (this rule's records), by `path#variable`. */
function clientsOf(ctx: ReviewContext): Map<string, Made> {
  return ctx.memo('wipe-clients', () => {
    const out = new Map<string, Made>();
    for (const r of ctx.records()) if (r.type === 'wipe-client') out.set(`${String(r.path)}#${String(r.variable)}`, { package: String(r.package), how: r.how as How, export: String(r.export) });
    return out;
  });
}

function review(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  const { hidden, data } = split(finding);
  if (finding.path === null) return null;
  if (hidden.viaSpec !== undefined) {
    // The receiver is imported from the repository: the variable it resolves to must be a client made by the package.
    const file = ctx.link.resolveImport(finding.path, hidden.viaSpec);
    const t = file ? ctx.link.resolveExport(file, hidden.viaImported === '*' ? 'default' : hidden.viaImported) : null;
    const key = t && 'decl' in t ? `${t.decl.path}#${t.decl.id}` : file ? `${file}#${hidden.viaImported === '*' ? 'module.exports' : hidden.viaImported}` : null;
    const made = key ? clientsOf(ctx).get(key) : undefined;
    const chain = hidden.viaChain.split('.');
    const w = made ? dataWipesOf(made.package, made.how, made.export, chain)[0] : undefined;
    if (!w || (w.when && !/^(true|empty)$/.test(String(data.argument)))) return null;
    data.what = w.what;
  }
  delete data.argument;
  const path = ctx.link.startPath(keyOf(finding.path, hidden.declId));
  if (path) {
    // Each call on the way, then the wipe itself (where the last call is its own line, once).
    const steps = path.map((s, i) => `${s.key.slice(0, s.key.lastIndexOf('#'))}${i === 0 ? '' : `:${s.line}`}`);
    const last = `${finding.path}:${finding.line}`;
    const chain = (steps[steps.length - 1] === last ? steps : [...steps, last]).join(' → ');
    // A seed file the entry calls runs with the release: not lowered as a script.
    return { ...finding, messageId: 'atStart', severity: 'critical', data: { ...data, chain }, everywhere: true };
  }
  const pkg = finding.package;
  // A seed or reset script counts only where the start path reaches it (it is imported and called at start).
  if (layout.roles.of(finding.path) === 'script') return null;
  if (!ctx.link.startKnown(pkg)) return { ...finding, messageId: 'startUnknown', severity: 'high', data: { ...data, package: pkg ?? finding.path } };
  return null;
}

export default defineSourceRule({
  id: 'database/data-wiped-at-startup',
  meta: {
    category: 'database',
    severity: 'critical',
    title: 'The service deletes its stored data when it starts',
    rationale: 'A Redis FLUSHALL, a dropped Mongo database, a deleteMany with no filter or every migration rolled back, run where the service starts, empties production at every deploy, crash restart and scale-out.',
    remediation: { text: 'Remove the call from the start path; reset data only in a script a developer runs by hand against a local database, or in test setup.', effort: 'low' },
    messages: {
      atStart: '`{{text}}` {{what}}, and it runs when the service starts ({{chain}}): every restart empties production',
      startUnknown: '`{{text}}` {{what}}; whether it runs at start is not verified: no start entry (main, bin, start script) was found for {{package}}',
    },
  },
  triggers: [...DATA_WIPE_METHODS, ...DATA_WIPE_PACKAGES],
  // Scripts too: a seed file the entry imports and calls runs at start (the review keeps only those).
  appliesTo: (f) => isShippedCode(f) && f.role !== 'config' && f.role !== 'migration',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(unwrap(call.expression)) || !DATA_WIPE_METHODS.includes((unwrap(call.expression) as ts.PropertyAccessExpression).name.text)) return;
        const c = chainOf(call);
        if (!c) return;
        const root = rootOf(c.root, ctx);
        if (!root) return;
        // Where it runs: a branch (`if (NODE_ENV !== 'production')`) or a function handed to a route, a timer or an event is not the start path.
        const at = runsIn(call);
        if (!at || at.conditional) return;
        const declId = at.owner === null ? MODULE : declIdOf(at.owner);
        if (declId === null) return;
        const text = call.getText(ctx.sourceFile).replace(/\s+/g, '').slice(0, 80);
        if ('made' in root) {
          const w = dataWipesOf(root.made.package, root.made.how, root.made.export, c.chain).find((x) => argumentHolds(x, call));
          if (w) ctx.report({ node: call, messageId: 'atStart', data: { text, what: w.what, chain: '', declId } });
          return;
        }
        // Imported from another file: the review checks it is a client of the package.
        const m = c.chain[c.chain.length - 1];
        const arg = call.arguments.length === 0 ? 'empty' : call.arguments.map((a) => unwrap(a)).map((a) => (a.kind === ts.SyntaxKind.TrueKeyword ? 'true' : ts.isObjectLiteralExpression(a) && a.properties.length === 0 ? 'empty' : 'other'));
        const argument = Array.isArray(arg) ? (m === 'rollback' ? arg[1] ?? 'other' : arg[0]) : arg;
        ctx.report({ node: call, messageId: 'atStart', data: { text, what: '', chain: '', declId, viaSpec: root.spec, viaImported: root.imported, viaChain: c.chain.join('.'), argument } });
      },
      'file:end'() {
        // Clients this file makes and exports, for the files that import them.
        for (const s of ctx.sourceFile.statements) {
          if (ts.isVariableStatement(s)) {
            for (const v of s.declarationList.declarations) {
              const made = ts.isIdentifier(v.name) && v.initializer ? madeBy(v.initializer, ctx) : null;
              if (made && made.how !== 'module') ctx.emit({ type: 'wipe-client', variable: (v.name as ts.Identifier).text, ...made, line: ctx.lineOf(v) });
            }
          } else if (ts.isExportAssignment(s)) {
            const made = madeBy(s.expression, ctx);
            if (made && made.how !== 'module') ctx.emit({ type: 'wipe-client', variable: 'default', ...made, line: ctx.lineOf(s) });
          } else if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.left.getText(ctx.sourceFile) === 'module.exports') {
            const made = madeBy(s.expression.right, ctx);
            if (made && made.how !== 'module') ctx.emit({ type: 'wipe-client', variable: 'module.exports', ...made, line: ctx.lineOf(s) });
          }
        }
      },
    };
  },
  review,
});
