// Workspace tools that name the file an application starts from in their own project files: the
// build bundles that file, so it is a production entry even when no package.json script names it.

export interface BuildTargetFile {
  /** The project file's name. */
  file: string;
  tool: string;
  /** Where the targets are, from the file's top level (`projects.*` is every project). */
  targets: readonly string[];
  /** Options of a target that name the file an application starts from. */
  entryOptions: readonly string[];
  source: string;
}

export const BUILD_TARGET_FILES: readonly BuildTargetFile[] = [
  {
    file: 'project.json', tool: 'Nx', targets: ['targets'], entryOptions: ['main', 'browser', 'server'],
    source: 'https://nx.dev/reference/project-configuration (targets.<name>.options: `main` for @nx/webpack, @nx/esbuild, @nx/js:tsc and @nx/angular:browser-esbuild, `browser`/`server` for @nx/angular:application)',
  },
  {
    file: 'angular.json', tool: 'Angular CLI', targets: ['projects', '*', 'architect'], entryOptions: ['main', 'browser', 'server'],
    source: 'https://angular.dev/reference/configs/workspace-config (projects.<name>.architect.build.options.browser / main)',
  },
];

/** Targets that run tests: their `main` is a test bootstrap (Karma's `test.ts`), not an application. */
export const TEST_TARGET = /(^|:)(test|e2e|component-test)$|jest|vitest|karma|cypress|playwright/;

export function buildTargetFileOf(path: string): BuildTargetFile | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return BUILD_TARGET_FILES.find((f) => f.file === base) ?? null;
}
