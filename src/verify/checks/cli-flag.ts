// "Dry-run mode for testing (`--dry-run` flag)", "Dry-run mode": a command-line flag of the release code
// or its scripts. Honoured means a file that reads its command line (knowledge/requests:
// COMMAND_LINE_INPUTS, or a parser's option definition) takes the flag, and a condition depends on what
// it read. A help text that lists the flag is not a read; a flag read and never branched on does nothing.
import ts from 'typescript';
import { COMMAND_LINE_INPUTS } from '../../knowledge/index.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { lineOf, type ParsedFile, parsedFile } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const FLAG = /`(--[a-z][a-z0-9-]*)`|(?:^|\s)(--[a-z][a-z0-9-]*)\b/i;
const MODE = /^\W*([a-z][a-z0-9]*(?:[- ][a-z0-9]+)?)\s+mode\b/i;

/** The flag a claim names: written out (`--dry-run` beside flag/option/mode), or "<words> mode" as a flag of those words. */
export function cliFlagClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__/g, '');
  const m = t.match(FLAG);
  const denies = /❌|\bMISSING\b|\bno\s+(`?--|\w+\s+mode)/i.test(t);
  if (m && /\b(flags?|options?|modes?|switch)\b/i.test(t)) return { topic: 'cli-flag', flag: (m[1] ?? m[2]).toLowerCase(), written: true, denies };
  const mode = t.split('|').map((c) => c.trim()).find((c) => MODE.test(c))?.match(MODE);
  return mode ? { topic: 'cli-flag', flag: `--${mode[1].toLowerCase().replace(/\s+/g, '-')}`, written: false, denies } : null;
}

const camel = (flag: string) => flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Whether the file reads its command line: `process.argv` and the like, or a parser's option definitions. */
function readsCommandLine(f: ParsedFile): boolean {
  const text = f.lines.join('\n');
  return COMMAND_LINE_INPUTS.some((i) => text.includes(i.path.join('.'))) || [...f.bindings.values()].some((b) => ['commander', 'yargs', 'meow', 'cac', 'minimist', 'util'].includes(b.module));
}

/** A string that is the flag itself or an option spec naming it (`'-d, --dry-run'`), not a help text that lists it. */
const takesFlag = (s: string, flag: string) => s === flag || new RegExp(`^(-\\w,\\s*)?${flag}(\\s+[<[][\\w-]+[>\\]])?$`).test(s) || s === flag.replace(/^--/, '');

interface Read { at: Hit; names: string[] }

function readsIn(f: ParsedFile, flag: string): Read[] {
  const out: Read[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteralLike(n) && takesFlag(n.text, flag) && (n.text.startsWith('-') || ts.isPropertyAssignment(n.parent))) {
      // The name the read lands in: `const isDryRun = args.includes('--dry-run')`, else the parser's camelCase key.
      let p: ts.Node = n.parent;
      while (p && !ts.isVariableDeclaration(p) && !ts.isStatement(p)) p = p.parent;
      const names = [camel(flag)];
      if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) names.unshift(p.name.text);
      out.push({ at: lineOf(n, f), names });
    }
    ts.forEachChild(n, visit);
  };
  visit(f.sf);
  return out;
}

/** A condition that depends on one of the names: an if, a ternary, `&&`/`||` or a `!` test. */
function branchOn(f: ParsedFile, names: string[]): Hit | null {
  let hit: Hit | null = null;
  const mentions = (e: ts.Node): boolean => {
    let found = false;
    const look = (x: ts.Node): void => {
      if (found) return;
      if ((ts.isIdentifier(x) || ts.isPrivateIdentifier(x)) && names.includes(x.text)) found = true;
      ts.forEachChild(x, look);
    };
    look(e);
    return found;
  };
  const visit = (n: ts.Node): void => {
    if (hit) return;
    const test = ts.isIfStatement(n) || ts.isWhileStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition
      : ts.isBinaryExpression(n) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind) ? n.left : null;
    if (test && mentions(test)) { hit = lineOf(test, f); return; }
    ts.forEachChild(n, visit);
  };
  visit(f.sf);
  return hit;
}

export function cliFlag(s: Subject, ctx: CheckContext): Check {
  const flag = String(s.flag);
  const say = (holds: boolean, reason: string, evidence: Parameters<typeof confirmed>[1]) => ((holds !== Boolean(s.denies)) ? confirmed : contradicted)(reason, evidence);
  const files = ctx.repo.serviceFiles();
  for (const path of files) {
    const f = parsedFile(ctx, path);
    if (!f || !f.lines.some((l) => l.includes(flag.replace(/^--/, ''))) || !readsCommandLine(f)) continue;
    for (const r of readsIn(f, flag)) {
      const branch = branchOn(f, r.names);
      if (branch) return say(true, `${path}:${r.at.line} reads ${flag} from the command line and ${path}:${branch.line} branches on it`, [fileEvidence(r.at), fileEvidence(branch)]);
      return say(false, `${path}:${r.at.line} reads ${flag}, but no condition depends on it (${r.names.join(', ')}): the flag changes nothing`, [fileEvidence(r.at), figure(`conditions on ${r.names[0]}`, 0)]);
    }
  }
  // A mode named in words may be an environment switch or a setting: only a flag written out is refuted by its absence.
  if (!s.written) return unverifiable(`no release file reads a ${flag} flag; the mode may be switched some other way`);
  return say(false, `no release file that reads its command line takes ${flag} (${files.length} files searched)`, [figure(`reads of ${flag}`, 0), figure('release files searched', files.length)]);
}
