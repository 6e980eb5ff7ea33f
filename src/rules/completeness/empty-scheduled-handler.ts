import ts from 'typescript';
import { defineSourceRule } from '../api.js';

/** A cron expression (5 or 6 fields) or a named schedule (`@daily`). */
const CRON = /^\s*(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|([\d*/,?LW#-]+|[A-Z]{3}(-[A-Z]{3})?)(\s+([\d*/,?LW#-]+|[A-Z]{3}(-[A-Z]{3})?)){4,5})\s*$/i;
const LOG_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace']);

type Fn = ts.FunctionLikeDeclaration;

/** A call to console.* or to a logger (`logger.info`, `this.log.debug`). */
function isLogCall(e: ts.Expression): boolean {
  if (ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const recv = e.expression.expression.getText();
  return LOG_METHODS.has(e.expression.name.text) && /(^|\.)(console|log|logger|_logger|log[A-Z]\w*)$/i.test(recv);
}

/** Empty, or only log lines and bare returns. */
function doesNothing(fn: Fn): 'empty' | 'log only' | null {
  const body = fn.body;
  if (!body) return null;
  if (!ts.isBlock(body)) return isLogCall(body as ts.Expression) ? 'log only' : null;
  const real = body.statements.filter((s) => !(ts.isReturnStatement(s) && !s.expression) && !ts.isEmptyStatement(s));
  if (real.length === 0) return 'empty';
  return real.every((s) => ts.isExpressionStatement(s) && isLogCall(s.expression)) ? 'log only' : null;
}

const isFn = (e: ts.Node | undefined): e is ts.ArrowFunction | ts.FunctionExpression => !!e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e));

export default defineSourceRule({
  id: 'completeness/empty-scheduled-handler',
  meta: {
    category: 'completeness',
    severity: 'medium',
    title: 'Scheduled or cron handler that does nothing',
    rationale: 'A cron trigger that fires an empty handler reads as "nightly cleanup in place" while the job never runs.',
    remediation: { text: 'Implement the job (and test it), or remove the trigger and its handler so nobody relies on it.', effort: 'medium' },
    messages: {
      empty: '{{handler}} is empty: the scheduled job does nothing',
      onlyLog: '{{handler}} is only a log line: the scheduled job does nothing',
    },
  },
  triggers: ['scheduled', 'schedule', 'Cron', 'cron'],
  appliesTo: (f) => f.role === 'service',
  create(ctx) {
    const judge = (fn: Fn, at: ts.Node, what: string) => {
      const verdict = doesNothing(fn);
      if (verdict) ctx.report({ node: at, messageId: verdict === 'empty' ? 'empty' : 'onlyLog', data: { handler: what } });
    };
    const isScheduledName = (n: ts.PropertyName) => (ts.isIdentifier(n) || ts.isStringLiteral(n)) && n.text === 'scheduled';
    return {
      MethodDeclaration(node) {
        const m = node as ts.MethodDeclaration;
        if (isScheduledName(m.name) && (ts.isObjectLiteralExpression(m.parent) || ts.isClassLike(m.parent))) {
          judge(m, m.name, 'Workers `scheduled` handler');
          return;
        }
        const cron = (ts.canHaveDecorators(m) ? ts.getDecorators(m) ?? [] : []).find((d) => /^(Cron|Interval|Timeout)\b/.test(d.expression.getText()));
        if (cron) judge(m, m.name, `@${cron.expression.getText().split('(')[0]} method ${m.name.getText()}`);
      },
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        if (isScheduledName(p.name) && isFn(p.initializer)) judge(p.initializer, p.name, 'Workers `scheduled` handler');
        if (ts.isIdentifier(p.name) && p.name.text === 'onTick' && isFn(p.initializer)) judge(p.initializer, p.name, 'CronJob onTick');
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const e = c.expression;
        const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
        if (!['schedule', 'scheduleJob', 'cron'].includes(name)) return;
        const expr = c.arguments.find((a) => ts.isStringLiteralLike(a) && CRON.test(a.text));
        const fn = c.arguments.find(isFn);
        if (expr && fn) judge(fn, c, `cron callback for "${(expr as ts.StringLiteral).text}"`);
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        if (!/(^|\.)CronJob$/.test(n.expression.getText())) return;
        const fn = n.arguments?.find(isFn);
        if (fn) judge(fn, n, 'CronJob callback');
      },
    };
  },
});
