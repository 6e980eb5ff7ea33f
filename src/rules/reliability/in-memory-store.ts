import ts from 'typescript';
import { defineSourceRule } from '../api.js';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all']);
const ROUTER = /^(app|router|api|server|fastify|routes?|r|\w+Router|\w+App|\w+Routes)$/;
const NOT_A_STORE = /cache|memo|seen|pending|inflight|in_flight|timer|lock|connection|client|socket|subscriber|listener|limiter|ratelimit|bucket|counter|metric|stat|registry|queue|handler|route|plugin|middleware|schema/i;
const NEXT_HANDLER = /^(GET|POST|PUT|PATCH|DELETE)$/;

function isStoreInit(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && ['Map', 'Set'].includes(e.expression.text) && (e.arguments?.length ?? 0) === 0) return e.expression.text;
  if (ts.isArrayLiteralExpression(e) && e.elements.length === 0) return 'array';
  if (ts.isObjectLiteralExpression(e) && e.properties.length === 0) return 'object';
  return null;
}

/** Function bodies that handle requests: route callbacks, Next route exports, a Worker's fetch. */
function handlers(sf: ts.SourceFile): ts.Node[] {
  const out: ts.Node[] = [];
  // Parents are passed down, not read: this rule runs on files visited without parent pointers.
  const walk = (n: ts.Node, parent: ts.Node | undefined, grandparent: ts.Node | undefined): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && METHODS.has(n.expression.name.text)
      && ts.isIdentifier(n.expression.expression) && ROUTER.test(n.expression.expression.text)
      && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0]) && n.arguments[0].text.startsWith('/')) {
      out.push(...n.arguments.slice(1).filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a)));
    }
    if (ts.isFunctionDeclaration(n) && n.name && NEXT_HANDLER.test(n.name.text) && n.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) out.push(n);
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'fetch' && parent && ts.isObjectLiteralExpression(parent)
      && grandparent && ts.isExportAssignment(grandparent)) out.push(n);
    ts.forEachChild(n, (child) => walk(child, n, parent));
  };
  walk(sf, undefined, undefined);
  return out;
}

function mutation(body: ts.Node, name: string, sf: ts.SourceFile): ts.Node | null {
  let found: ts.Node | null = null;
  const walk = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name
      && ['set', 'push', 'add', 'delete', 'splice', 'unshift', 'clear'].includes(n.expression.name.text)) found = n;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isElementAccessExpression(n.left) || ts.isPropertyAccessExpression(n.left))
      && n.left.expression.getText(sf) === name) found = n;
    else if (ts.isDeleteExpression(n) && /^\w+/.exec(n.expression.getText(sf))?.[0] === name) found = n;
    else ts.forEachChild(n, walk);
  };
  walk(body);
  return found;
}

export default defineSourceRule({
  id: 'reliability/in-memory-store',
  meta: {
    category: 'reliability',
    severity: 'low',
    title: 'Module-level Map/array used as the store behind request handlers',
    rationale: 'Data kept in a module-level collection is lost on every restart or deploy and is not shared between instances (or Worker isolates): each replica answers from a different store.',
    remediation: { text: 'Keep the data in a database, KV store or Durable Object; if it really is a per-process cache, bound it (LRU with a size limit and TTL) and name it as a cache.', effort: 'medium' },
    messages: {
      moduleStore: 'Module-level {{kind}} `{{name}}` is the store behind request handlers (changed at line {{line}}): its data is lost on restart and differs between instances',
    },
  },
  triggers: ['new Map', 'new Set', '= []', '= {}'],
  appliesTo: (f) => f.role === 'service',
  parents: false,
  create(ctx) {
    return {
      SourceFile(node) {
        const sf = node as ts.SourceFile;
        const stores: Array<{ name: string; kind: string; decl: ts.Node }> = [];
        for (const st of sf.statements) {
          if (!ts.isVariableStatement(st)) continue;
          for (const d of st.declarationList.declarations) {
            const kind = isStoreInit(d.initializer);
            if (kind && ts.isIdentifier(d.name) && !NOT_A_STORE.test(d.name.text)) stores.push({ name: d.name.text, kind, decl: d });
          }
        }
        if (stores.length === 0) return;
        const hs = handlers(sf);
        for (const s of stores) {
          const hit = hs.map((h) => mutation(h, s.name, sf)).find((m) => m !== null);
          if (!hit) continue;
          ctx.report({
            node: s.decl,
            messageId: 'moduleStore',
            data: { kind: s.kind, name: s.name, line: ctx.lineOf(hit) },
            evidence: [{ kind: 'file', path: ctx.file.path, line: ctx.lineOf(hit), snippet: hit.getText(sf).split('\n')[0].slice(0, 160) }],
          });
        }
      },
    };
  },
});
