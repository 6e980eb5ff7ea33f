// Folders and files that belong to a developer tool by that tool's own convention: code there runs on
// a developer's machine when they invoke the tool (scaffolding prompts, git hooks), never in the
// service. A finding there is about tooling, not the release.

export interface ToolPath {
  tool: string;
  /** Consecutive folder names the path holds (`turbo/generators/...`), or null. */
  folders: readonly string[] | null;
  /** A file's name without its extension (`plopfile.ts`), or null. */
  file: string | null;
  /** The file role (util/roles.ts) the tool's paths have. */
  role: 'script' | 'template';
  /** A path the entry is tested with. */
  example: string;
  source: string;
}

export const TOOL_PATHS: readonly ToolPath[] = [
  { tool: 'Turborepo generators (turbo gen)', folders: ['turbo', 'generators'], file: null, role: 'script', example: 'turbo/generators/config.ts', source: 'https://turbo.build/repo/docs/guides/generating-code' },
  { tool: 'Plop', folders: null, file: 'plopfile', role: 'script', example: 'plopfile.js', source: 'https://plopjs.com/documentation/#plopfile-api' },
  { tool: 'Hygen', folders: ['_templates'], file: null, role: 'template', example: '_templates/component/new/hello.ejs.t', source: 'https://www.hygen.io/docs/templates' },
  { tool: 'husky', folders: ['.husky'], file: null, role: 'script', example: '.husky/pre-commit', source: 'https://typicode.github.io/husky/get-started.html' },
];

const SOURCE_EXT = /\.[cm]?[jt]s$/;

/** The tool whose convention owns this path, or null. */
export function toolPathOf(path: string): ToolPath | null {
  const parts = path.split('/');
  const dirs = parts.slice(0, -1);
  const base = parts[parts.length - 1];
  return TOOL_PATHS.find((t) => {
    if (t.file !== null) return SOURCE_EXT.test(base) && base.replace(SOURCE_EXT, '') === t.file;
    const f = t.folders!;
    for (let i = 0; i + f.length <= dirs.length; i++) if (f.every((name, k) => dirs[i + k] === name)) return true;
    return false;
  }) ?? null;
}
