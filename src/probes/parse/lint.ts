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
    all.push({
      file: toRepoPath(path), line: 1, column: 1, ruleId: String(d.category ?? '(no rule)'),
      severity: sev, message: typeof d.description === 'string' ? d.description : String(d.message ?? ''),
    });
  }
  const summary = isRec(json.summary) ? json.summary : {};
  return tally('biome', Number(summary.filesProcessed ?? files.size) || files.size, all);
}
