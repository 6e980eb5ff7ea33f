import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { requireOf } from '../../collect/scope.js';
import { queueRetryFact, type QueueRetryFact } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { looksMinified } from '../shared/names.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The object literal an options argument is, through a local const; null when it cannot be read. */
function objectOf(e: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!e) return null;
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    return b?.kind === 'variable' && b.isConst && b.initializer ? objectOf(b.initializer, scope) : null;
  }
  return ts.isObjectLiteralExpression(e) ? e : null;
}

/** Whether an object sets `key`: yes, no, or unknown (a spread may carry it). */
function sets(o: ts.ObjectLiteralExpression, key: string): boolean | null {
  if (o.properties.some((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === key)) return true;
  return o.properties.some(ts.isSpreadAssignment) ? null : false;
}

/** The queue a receiver is: a const made by `new Queue(...)` of a described library in this file. */
function queueOf(receiver: ts.Expression, scope: Scope): { fact: QueueRetryFact; ctor: ts.NewExpression } | null {
  receiver = strip(receiver);
  if (!ts.isIdentifier(receiver)) return null;
  const b = scope.resolve(receiver);
  if (b?.kind !== 'variable' || !b.isConst || !b.initializer) return null;
  const init = strip(b.initializer);
  if (!ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return null;
  const cls = scope.resolve(init.expression);
  const imp = cls && (cls.kind === 'import' ? cls : requireOf(cls));
  if (!imp) return null;
  const fact = queueRetryFact(imp.from, imp.imported);
  return fact ? { fact, ctor: init } : null;
}

export default defineSourceRule({
  id: 'reliability/queue-job-retries',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Queue jobs added without retries',
    rationale: 'A job is tried once unless its options say otherwise: a transient failure (an SMTP timeout, a deploy restarting the worker) loses the work for good.',
    remediation: { text: 'Give the job `attempts` and a `backoff` (per add, or once in the queue\'s `defaultJobOptions`), and handle the final failure (a dead-letter queue or an alert).', effort: 'low' },
    messages: {
      noAttempts: 'job added to a {{package}} queue without `{{option}}`, here or in the queue\'s `{{defaults}}` ({{at}}): one failure and the job is lost',
    },
  },
  triggers: ['.add('],
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(c.expression) || c.expression.name.text !== 'add') return;
        const q = queueOf(c.expression.expression, ctx.scope);
        if (!q) return;
        const { fact, ctor } = q;
        const defaults = objectOf(ctor.arguments?.[fact.defaultsArg], ctx.scope);
        if (defaults === null && ctor.arguments?.[fact.defaultsArg] !== undefined) return;
        const jobDefaults = defaults ? defaults.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === fact.defaultsKey) : undefined;
        if (defaults && sets(defaults, fact.defaultsKey) === null) return;
        if (jobDefaults) {
          const o = objectOf((jobDefaults as ts.PropertyAssignment).initializer, ctx.scope);
          if (!o || sets(o, fact.retryOption) !== false) return;
        }
        const opts = c.arguments[fact.optionsArg];
        if (opts !== undefined) {
          const o = objectOf(opts, ctx.scope);
          if (!o || sets(o, fact.retryOption) !== false) return;
        }
        ctx.report({ node: c, messageId: 'noAttempts', data: { package: fact.package, option: fact.retryOption, defaults: fact.defaultsKey, at: `line ${ctx.lineOf(ctor)}` } });
      },
    };
  },
});
