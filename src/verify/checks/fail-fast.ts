// "Workers fail-fast on missing bindings", "the service fails fast when an env var is missing": release
// code that throws when an environment binding it reads is absent. Found in the syntax tree: an `if` whose
// condition negates a read of `env.X` (a worker's env parameter, `this.env`, `c.env`, `process.env`) and
// whose branch throws, in code a production entry reaches. Finding none leaves the claim unverifiable: a
// schema validator, an assert helper or a `??` throw say the same in shapes this search does not cover.
import ts from 'typescript';
import type { Subject } from '../model.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { reachAt, unreached } from './reach.js';
import { lineOf, parsedFile } from './syntax.js';
import { type Check, type CheckContext, confirmed, unverifiable } from './context.js';

const CLAIM = /\bfails?[- ]?fast\b[^.;|]*?\b(?:on|when|if|for)\s+(?:an?\s+|the\s+)?(?:missing|absent|unset|undefined)\s+(bindings?|env(?:ironment)?(?:\s+var(?:iable)?s?)?|config(?:uration)?|secrets?)\b/i;

export function failFastClaim(text: string): Subject | null {
  const m = text.replace(/\*\*|__/g, '').match(CLAIM);
  return m ? { topic: 'fail-fast', what: m[1].toLowerCase() } : null;
}

/** `env.X`, `this.env.X`, `c.env.X`, `process.env.X`, `env['X']`. */
function readsEnv(e: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return false;
  const base = e.expression;
  return (ts.isIdentifier(base) && base.text === 'env') || (ts.isPropertyAccessExpression(base) && base.name.text === 'env');
}

/** `!env.X`, `!env.X || !env.Y`, `env.X === undefined`. */
function negatesEnv(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return negatesEnv(e.expression);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return readsEnv(e.operand);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return negatesEnv(e.left) || negatesEnv(e.right);
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      const nil = (x: ts.Expression) => x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
      return (readsEnv(e.left) && nil(e.right)) || (readsEnv(e.right) && nil(e.left));
    }
  }
  return false;
}

const throws = (s: ts.Statement) => ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.some(ts.isThrowStatement));

export function failFast(_s: Subject, ctx: CheckContext): Check {
  const guards: Hit[] = [];
  let searched = 0;
  for (const path of ctx.repo.serviceFiles()) {
    const lines = ctx.repo.lines(path);
    if (!lines?.some((l) => /\benv\b/.test(l)) || !lines.some((l) => /\bthrow\b/.test(l))) continue;
    const f = parsedFile(ctx, path);
    if (!f) continue;
    searched++;
    const visit = (n: ts.Node): void => {
      if (ts.isIfStatement(n) && negatesEnv(n.expression) && throws(n.thenStatement)) guards.push(lineOf(n, f));
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  const live = guards.filter((g) => !unreached(reachAt(ctx, g)));
  if (live.length) {
    return confirmed(`${live.length} check(s) in release code throw when an environment binding is missing, first ${live[0].path}:${live[0].line}`,
      [...live.slice(0, 3).map(fileEvidence), figure('release files that read an env and throw', searched)]);
  }
  if (guards.length) return unverifiable(`${guards[0].path}:${guards[0].line} throws on a missing binding, but no production entry is shown to reach it`);
  return unverifiable(`no \`if (!env.X) throw\` in release code (${searched} files that read an env and throw were searched); a validator or helper may do it another way`);
}
