import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isSqlFragment, isSqlStatement } from '../../util/sql.js';
import type { Scope } from '../../collect/scope.js';
import type { VisitorHost } from '../../collect/host.js';
import { TriggerIndex } from '../../collect/triggers.js';
import { calleeName, valueOf } from '../shared/ast.js';
import { Tracer, type Origin } from '../shared/taint.js';
import { isFixed } from '../shared/fixed-values.js';
import { callableRoots, callSiteOf, declIdOf, PENDING, qualify, reviewAcrossFiles, type Pending, type Root } from '../shared/callers.js';
import type { Severity } from '../../model/run.js';
import { queuePackages, sourceWords, sqlExecutorMethods } from '../../knowledge/index.js';
import { consumedQueue, JOB_DATA, jobField, queueRecorders } from '../shared/queue-jobs.js';
import { reviewSqlJob } from '../shared/sql-injection-jobs.js';
import { isTestSide } from '../../util/roles.js';

/**
 * Methods that execute SQL text, from the SQL libraries' descriptors (knowledge/libraries.ts). The
 * receiver's type is not known to a one-file rule, so the method name is what it matches.
 */
const EXECUTORS = new Set(sqlExecutorMethods().keys());
/**
 * Executors that exist to take raw SQL text (their descriptors say `raw`): a non-constant value given
 * to them is SQL text whatever it looks like. Others are judged only when the text is built in the call.
 */
const RAW_BY_NAME = new Set([...sqlExecutorMethods()].filter(([, m]) => m.raw).map(([name]) => name));

function literalText(e: ts.Expression): string {
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => `x${s.literal.text}`).join('');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return `${literalText(e.left)}${literalText(e.right)}`;
  if (ts.isParenthesizedExpression(e)) return literalText(e.expression);
  return 'x';
}

/** Non-constant parts of SQL text built by interpolation or concatenation. */
function dynamicParts(e: ts.Expression, scope: Scope): ts.Expression[] {
  if (ts.isTemplateExpression(e)) return e.templateSpans.map((s) => s.expression).filter((x) => !isFixed(x, scope));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...dynamicParts(e.left, scope), ...dynamicParts(e.right, scope)];
  if (ts.isParenthesizedExpression(e)) return dynamicParts(e.expression, scope);
  if (ts.isStringLiteralLike(e) || isFixed(e, scope)) return [];
  return [e];
}

/** Whether the built text begins with literal text (then that text must read as a statement). */
function startsWithLiteral(e: ts.Expression): boolean {
  if (ts.isTemplateExpression(e)) return e.head.text.trim() !== '';
  if (ts.isBinaryExpression(e)) return startsWithLiteral(e.left);
  if (ts.isParenthesizedExpression(e)) return startsWithLiteral(e.expression);
  return ts.isStringLiteralLike(e);
}

/** The SQL argument as written, following one local variable by scope (`const q = \`...\`; db.query(q)`). */
function resolveSqlArg(arg: ts.Expression, scope: Scope): ts.Expression {
  if (ts.isIdentifier(arg)) {
    const init = valueOf(arg, scope);
    if (init && (ts.isTemplateExpression(init) || ts.isBinaryExpression(init) || ts.isStringLiteralLike(init))) return init;
  }
  return arg;
}

/** Words of the executors' calls: a file without any runs no SQL, so no sink of it waits on its own calls. */
const SQL_WORDS = ['prepare', 'query', 'execute', 'exec', 'raw', 'unsafe', 'Unsafe', 'run(', 'all(', 'batch('];

const SOURCE_WORDS = sourceWords();

/** Both word lists, found in one pass over a file's text (the trigger automaton) instead of one `includes` per word. */
const WORD_LISTS: VisitorHost[] = [{ id: 'sql', triggers: SQL_WORDS }, { id: 'source', triggers: SOURCE_WORDS }];
let wordIndex: TriggerIndex | null = null;
const QUEUE_PACKAGES = queuePackages();

/** A migration runs once, by the operator; a script or CLI runs with the values its operator gives it. */
const offlineRole = (role: string): string | null => (role === 'migration' ? 'a migration' : role === 'script' ? 'a script' : null);

/** The origin that decides the severity: request input, then callers in other files (high until resolved), then the command line. */
const rank = (o: Origin): number => (o.kind === 'caller' && o.outside ? 1.5 : { local: 0, caller: 1, operator: 1.2, request: 2 }[o.kind]);

export default defineSourceRule({
  id: 'database/sql-injection',
  meta: {
    category: 'database',
    severity: 'critical',
    title: 'SQL text built from non-constant values and executed',
    rationale: 'Interpolating or concatenating values into SQL text lets whoever controls the value rewrite the query.',
    remediation: {
      text: 'Pass values as bound parameters (`?`/`$1` placeholders with `.bind()` or a parameter array, or a tagged `sql` template); pick identifiers such as column names from a fixed allow-list.',
      effort: 'low',
    },
    messages: {
      built: 'SQL passed to .{{method}}() is built from non-constant values ({{parts}}){{origin}}',
      raw: '.{{method}}() executes SQL text from a non-constant value ({{parts}}){{origin}}',
    },
  },
  // A sink needs an executor's word; the calls recorded for the callers of other files' functions need an import.
  triggers: [...SQL_WORDS, 'import', 'require('],
  appliesTo: (f) => !isTestSide(f.role),
  review: (finding, layout, ctx) => {
    const reviewed = reviewAcrossFiles(finding, layout, ctx, { ownValues: 'silent' });
    return reviewed && reviewSqlJob(reviewed, ctx);
  },
  create(ctx) {
    const fixed = (x: ts.Expression) => isFixed(x, ctx.scope);
    let roots: Map<string, Root> | null = null;
    // One scan of the file's text, made the first time a recorded call asks (a file may record none).
    let found: readonly VisitorHost[] | null = null;
    const scan = (): readonly VisitorHost[] => (found ??= (wordIndex ??= new TriggerIndex(WORD_LISTS)).match(ctx.text, WORD_LISTS));
    let at: ts.CallExpression | null = null;
    const place = {
      path: ctx.file.path, roots: new Map<string, Root>(), line: () => ctx.lineOf(at!.expression),
      ownCalls: () => scan().includes(WORD_LISTS[0]),
      sourceless: () => !scan().includes(WORD_LISTS[1]),
    };
    // Jobs enqueued from request input, for a worker's sink fed by job data (reviewSqlJob). A receiver is
    // a queue only if imported or made here by a queue package: other files' `.add()` calls bind no scopes.
    const queueFile = QUEUE_PACKAGES.some((m) => ctx.text.includes(m));
    const { enqueued, made } = queueRecorders(ctx, (name) => queueFile || (roots?.get(name) !== undefined && 'imported' in roots.get(name)!));
    return {
      VariableDeclaration(node) {
        if (queueFile) made(node as ts.VariableDeclaration);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        place.roots = roots ??= callableRoots(ctx.sourceFile);
        at = call;
        enqueued(call);
        const site = callSiteOf(call, place, ctx.scope, fixed);
        if (site) ctx.emit(site as unknown as Record<string, unknown>);
        const name = calleeName(call);
        if (!name || !EXECUTORS.has(name) || call.arguments.length === 0) return;
        if (!ts.isPropertyAccessExpression(call.expression) && !RAW_BY_NAME.has(name)) return;
        const first = call.arguments[0];
        const sqlExpr = resolveSqlArg(first, ctx.scope);
        const text = literalText(sqlExpr);
        const dynamic = dynamicParts(sqlExpr, ctx.scope);
        if (dynamic.length === 0) return;
        const builtFromParts = ts.isTemplateExpression(sqlExpr) || ts.isBinaryExpression(sqlExpr);
        if (builtFromParts) {
          if (!(startsWithLiteral(sqlExpr) ? isSqlStatement(text) : isSqlFragment(text))) return;
        } else if (!RAW_BY_NAME.has(name) || (name === 'raw' && call.arguments.length > 1)) {
          return;
        }
        if (name === 'raw' && !/\b(knex|sql|db|trx|Prisma)\b/i.test(call.expression.getText(ctx.sourceFile))) return;
        // Where the text comes from decides the severity: critical only on a path from request input
        // (source -> sink), medium from the command line. Values the code makes itself (constants,
        // config and env, allow-listed names, database rows) are no injection: nothing is reported. A
        // parameter whose callers are not all in this file is left to the review, which follows them
        // through the link graph; what verdict cannot follow is low, and says it could not be traced.
        const tracer = new Tracer(ctx.scope, fixed);
        const origins = dynamic.map((d) => tracer.originOf(d));
        const origin = origins.reduce<Origin>((a, b) => (rank(b) > rank(a) ? b : a), { kind: 'local', path: [] });
        const unresolved = tracer.unresolved;
        if (origin.kind === 'local' && unresolved.length === 0) return;
        const parts = dynamic.slice(0, 3).map((d) => d.getText(ctx.sourceFile)).join(', ');
        // Job data: the queue and field it came from, for the review to find the producer that fills it.
        const fromJob = origin.kind === 'request' && origin.path[0]?.startsWith(JOB_DATA) ? dynamic[origins.indexOf(origin)] : null;
        const job: Record<string, string> = fromJob ? { jobQueue: consumedQueue(fromJob, ctx.scope) ?? '', jobField: jobField(fromJob, ctx.scope) } : {};
        const sink = `.${name}() SQL text (line ${ctx.lineOf(call)})`;
        const flow = [...(origin.kind === 'local' ? [unresolved[0]] : origin.path), sink].join(' → ');
        const targets: Pending[] = [];
        let rest: Severity | null = unresolved.length > 0 ? 'low' : null;
        for (const o of origin.kind === 'request' ? [] : origins) {
          const fn = o.kind === 'caller' && o.at ? declIdOf(o.at.fn) : null;
          if (fn !== null && o.at) targets.push({ fn, index: o.at.index, steps: qualify([...o.path, sink], ctx.file.path) });
          // What the callers cannot settle: the command line (medium), a caller's value not followed (low).
          else if (o.kind === 'operator') rest = 'medium';
          else if (o.kind === 'caller' && rest === null) rest = 'low';
        }
        const pending = targets.length > 0 ? { targets, rest } : null;
        const offline = origin.kind === 'request' ? null : offlineRole(ctx.file.role);
        const untraced = unresolved.length > 0 ? `; ${unresolved.slice(0, 3).join(', ')} is declared nowhere verdict can see, so the value could not be traced` : '';
        const said = origin.kind === 'operator' ? `; a command-line argument reaches it: ${origin.path[0]} (the input of whoever runs it, not a request's)`
          : origin.kind === 'request' ? `; request input reaches it: ${origin.path[0]}`
            : offline ? `; in ${offline}, so no request controls it${untraced}`
              : origin.kind === 'caller' && origin.outside ? `; a value from callers in other files (${origin.path[origin.path.length - 1]})${pending ? '' : ', which verdict could not trace'}`
                : origin.kind === 'caller' ? `; a caller's value (${origin.path[origin.path.length - 1]})${pending ? '' : ', which verdict could not trace'}`
                  : untraced;
        // Before the review: the command line is medium; a caller's value is low until its callers say more.
        const severity: Severity | undefined = origin.kind === 'request' ? undefined : origins.some((o) => o.kind === 'operator') ? 'medium' : 'low';
        ctx.report({
          node: call,
          ...(severity ? { severity } : {}),
          messageId: builtFromParts ? 'built' : 'raw',
          data: { method: name, parts, origin: said, ...job, ...(pending ? { [PENDING]: JSON.stringify(pending) } : {}) },
          evidence: [
            ...(sqlExpr !== first ? [{ kind: 'file' as const, path: ctx.file.path, line: ctx.lineOf(sqlExpr), snippet: sqlExpr.getText(ctx.sourceFile).split('\n')[0].slice(0, 160) }] : []),
            { kind: 'note' as const, text: `${origin.kind === 'request' || origin.kind === 'operator' ? 'source → sink' : 'path'}: ${flow}` },
          ],
        });
      },
    };
  },
});
