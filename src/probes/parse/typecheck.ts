// tsc output -> figures. Reads both the plain form `file(line,col): error TS2322: msg` and the
// pretty form `file:line:col - error TS2322: msg` (scripts may pass --pretty).
export interface TypeDiagnostic {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface TypecheckFigures {
  errors: number;
  byCode: Record<string, number>;
  byFile: Record<string, number>;
  filesWithErrors: number;
  errorsPerFile: number;
  /** Errors tsc printed without a file (bad options, missing tsconfig). */
  globalErrors: number;
  /** tsc printed its own total (`Found N errors`): \`errors\` is that total, whatever was cut from the lines. */
  summarised: boolean;
  diagnostics: TypeDiagnostic[];
}

const PLAIN = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const PRETTY = /^(.+?):(\d+):(\d+) - error (TS\d+): (.*)$/;
const GLOBAL = /^error (TS\d+): (.*)$/;
/** tsc's closing line in pretty mode and under --build: `Found 3 errors in 2 files.`, `Found 1 error.` */
const FOUND = /^Found (\d+) errors?\b/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export const MAX_DIAGNOSTICS = 1000;

/** `toRepoPath` turns a path as tsc printed it (relative to its cwd) into a repo-relative path. */
export function parseTsc(output: string, toRepoPath: (p: string) => string): TypecheckFigures {
  const diagnostics: TypeDiagnostic[] = [];
  const byCode: Record<string, number> = {};
  const byFile: Record<string, number> = {};
  let errors = 0;
  let globalErrors = 0;
  let found = 0;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(ANSI, '').trimEnd();
    const total = FOUND.exec(line);
    if (total) {
      found += Number(total[1]);
      continue;
    }
    const m = PLAIN.exec(line) ?? PRETTY.exec(line);
    if (m) {
      const file = toRepoPath(m[1].trim());
      errors++;
      byCode[m[4]] = (byCode[m[4]] ?? 0) + 1;
      byFile[file] = (byFile[file] ?? 0) + 1;
      if (diagnostics.length < MAX_DIAGNOSTICS) {
        diagnostics.push({ file, line: Number(m[2]), column: Number(m[3]), code: m[4], message: m[5] });
      }
      continue;
    }
    const g = GLOBAL.exec(line.trim());
    if (g) {
      errors++;
      globalErrors++;
      byCode[g[1]] = (byCode[g[1]] ?? 0) + 1;
    }
  }
  const filesWithErrors = Object.keys(byFile).length;
  const summarised = found > 0 && found >= errors;
  if (summarised) errors = found;
  return {
    errors, byCode: sortCounts(byCode), byFile: sortCounts(byFile), filesWithErrors, summarised,
    errorsPerFile: filesWithErrors ? Math.round(((errors - globalErrors) / filesWithErrors) * 100) / 100 : 0,
    globalErrors, diagnostics,
  };
}

/** Counts ordered by count (descending), then key: a stable, readable JSON. */
export function sortCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
