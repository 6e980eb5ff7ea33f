// ESLint (`-f json`) and Biome (`--reporter=json`) output -> figures.
import { sortCounts } from './typecheck.js';

export interface LintMessage {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface LintFigures {
  tool: 'eslint' | 'biome';
  files: number;
  errors: number;
  warnings: number;
  errorsByRule: Record<string, number>;
  warningsByRule: Record<string, number>;
  messages: LintMessage[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_MESSAGES = 500;

function tally(tool: LintFigures['tool'], files: number, all: LintMessage[]): LintFigures {
  const errorsByRule: Record<string, number> = {};
  const warningsByRule: Record<string, number> = {};
  for (const m of all) {
    const t = m.severity === 'error' ? errorsByRule : warningsByRule;
    t[m.ruleId] = (t[m.ruleId] ?? 0) + 1;
  }
  return {
    tool, files,
    errors: all.filter((m) => m.severity === 'error').length,
    warnings: all.filter((m) => m.severity === 'warning').length,
    errorsByRule: sortCounts(errorsByRule), warningsByRule: sortCounts(warningsByRule),
    messages: all.slice(0, MAX_MESSAGES),
  };
}

export function parseEslintJson(json: unknown, toRepoPath: (abs: string) => string): LintFigures | null {
  if (!Array.isArray(json)) return null;
  const all: LintMessage[] = [];
  for (const file of json.filter(isRec)) {
    for (const m of Array.isArray(file.messages) ? file.messages.filter(isRec) : []) {
      all.push({
        file: toRepoPath(String(file.filePath ?? '')), line: Number(m.line ?? 1) || 1, column: Number(m.column ?? 1) || 1,
        ruleId: typeof m.ruleId === 'string' ? m.ruleId : m.fatal ? 'parse-error' : '(no rule)',
        severity: m.severity === 2 ? 'error' : 'warning', message: String(m.message ?? ''),
      });
    }
  }
  return tally('eslint', json.length, all);
}

/**
 * Biome 2 gives `start: { line, column }`; Biome 1 gives a byte `span` into the `sourceCode` it
 * also includes. Line 1 when neither is there.
 */
function biomePosition(loc: Rec): { line: number; column: number } {
  if (isRec(loc.start)) return { line: Number(loc.start.line) || 1, column: Number(loc.start.column) || 1 };
  if (Array.isArray(loc.span) && typeof loc.sourceCode === 'string') {
    const before = Buffer.from(loc.sourceCode, 'utf8').subarray(0, Math.max(0, Number(loc.span[0]) || 0)).toString('utf8');
    const lines = before.split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
  }
  return { line: 1, column: 1 };
}

export function parseBiomeJson(json: unknown, toRepoPath: (p: string) => string): LintFigures | null {
  if (!isRec(json) || !Array.isArray(json.diagnostics)) return null;
  const all: LintMessage[] = [];
  const files = new Set<string>();
  for (const d of json.diagnostics.filter(isRec)) {
    const loc = isRec(d.location) ? d.location : {};
    const path = isRec(loc.path) ? String(loc.path.file ?? '') : String(loc.path ?? '');
    if (path) files.add(path);
    const sev = String(d.severity ?? 'error');
    if (sev !== 'error' && sev !== 'warning') continue;
    const { line, column } = biomePosition(loc);
    all.push({
      file: toRepoPath(path), line, column, ruleId: String(d.category ?? '(no rule)'),
      severity: sev, message: typeof d.description === 'string' ? d.description : String(d.message ?? ''),
    });
  }
  const summary = isRec(json.summary) ? json.summary : {};
  return tally('biome', Number(summary.filesProcessed ?? files.size) || files.size, all);
}
