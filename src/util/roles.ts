// What a file is for, from its path alone. Rules use it to stay quiet where a pattern is normal
// (console output in a CLI script, fixtures in tests). The whole-tree decision (archived copies,
// virtualenvs, scaffolds, the user's overrides) is discover/roles.ts, which falls back on this.
import { toolPathOf } from '../knowledge/tool-folders.js';

export const FILE_ROLES = [
  'service', 'config', 'migration', 'test', 'mock', 'script', 'example', 'generated', 'vendored', 'archived', 'template', 'unreached',
] as const;
export type FileRole = typeof FILE_ROLES[number];

/** What each role is, for reports. `service` is the release code itself. */
export const ROLE_LABELS: Record<FileRole, string> = {
  service: 'release code', config: 'configuration', migration: 'migrations', test: 'tests', mock: 'mocks and fixtures',
  script: 'scripts and tooling', example: 'examples and docs', generated: 'generated', vendored: 'vendored',
  archived: 'archived or staging copies', template: 'templates',
  // Decided after the link stage (link/unreached.ts), never by a path: source no production entry loads.
  unreached: 'source no production entry loads',
};

// Other languages' conventions too (a Go service beside the TypeScript one: its *_test.go).
const TEST = /(^|\/)(__tests__|tests?|spec|e2e|(?:integration|e2e|unit|functional|acceptance|api|smoke|system)[-_]tests?|test[-_]utils?)\/|\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$|\.test-d\.tsx?$|(^|\/)(vitest|jest|playwright)\.[\w.]*config\.[cm]?[jt]s$|(^|\/)[Gg]lobal[-_.]?([Ss]etup|[Tt]eardown)\.[cm]?[jt]s$|_test\.(go|py|rb|exs?)$|(^|\/)test_[^/]+\.py$|_spec\.rb$|(^|\/)src\/test\//;
/** Stand-ins for real services and data, made for tests: they answer like the real thing and guard nothing. */
const MOCK = /(^|\/)(__mocks__|__fixtures__|fixtures?|mocks?|stubs|fakes|mock[-_](?:server|api|sdk|data|backend)s?)\/|\.(mock|fixture)s?\.[cm]?[jt]sx?$/;
/** Seed data (knex `seeds/`, sequelize `seeders/`, `prisma/seed.ts`): fills development databases. */
const SEED = /(^|\/)(seeds?|seeders?)\/|(^|\/)seed(s|er)?\.[cm]?[jt]s$|\.seeds?\.[cm]?[jt]s$/;
const SCRIPT = /(^|\/)\.?(scripts?|bin)\/|(^|\/)cli\.[cm]?[jt]s$/;
/** `tools/` and `cli/` beside the source are tooling; inside a `src/` tree they are the service's own (an AI agent's tools). */
const TOOLS = /(^|\/)\.?(tools|cli)\//;
const IN_SOURCE_TREE = /(^|\/)src\/(?:[^/]+\/)*(tools|cli)\//;
const CONFIG = /(^|\/)[\w.-]+\.config\.[cm]?[jt]s$|(^|\/)\.[\w-]+rc\.[cm]?[jt]s$|(^|\/)(eslint|prettier|babel|postcss|tailwind)[\w.-]*\.[cm]?[jt]s$/;
const EXAMPLE = /(^|\/)(examples?|demos?|samples?|docs?|benchmarks?|bench)\//;
const GENERATED = /(^|\/)(generated|__generated__|\.generated)\/|\.gen\.[cm]?[jt]s$|(^|\/)worker-configuration\.d\.ts$|\.min\.js$|\.pb\.go$|_pb2(?:_grpc)?\.py$|_(?:grpc_)?pb\.(?:d\.ts|[cm]?[jt]s)$/;
/** Other people's code committed with the repository: package managers' folders and Python's installs. */
export const VENDORED = /(^|\/)(vendor|vendors|third[_-]party|node_modules|bower_components|jspm_packages|site-packages|dist-packages)\//;
/** A path segment with a scaffolding tool's placeholder (`{{cookiecutter.name}}/`, `<%= name %>.ts`). */
export const TEMPLATE_SEGMENT = /(^|\/)[^/]*(\{\{|\{%|<%)[^/]*(\/|$)/;
/** `alterations/`: a name some projects give their database migrations. */
const MIGRATION = /(^|\/)(migrations?|alterations)\//;

/** The role a path has by its own name (no look at the rest of the tree). */
export function pathRole(path: string): FileRole {
  if (VENDORED.test(path)) return 'vendored';
  if (TEMPLATE_SEGMENT.test(path)) return 'template';
  // A developer tool's own folder or file by that tool's convention (knowledge/tool-folders.ts).
  const tool = toolPathOf(path);
  if (tool) return tool.role;
  if (GENERATED.test(path)) return 'generated';
  if (MOCK.test(path)) return 'mock';
  if (TEST.test(path)) return 'test';
  if (MIGRATION.test(path)) return 'migration';
  if (CONFIG.test(path)) return 'config';
  if (SCRIPT.test(path) || SEED.test(path) || (TOOLS.test(path) && !IN_SOURCE_TREE.test(path))) return 'script';
  if (EXAMPLE.test(path)) return 'example';
  return 'service';
}

/** Rules ask once per fact (tens of thousands of times a run on a large repo), so answers are kept. */
const known = new Map<string, FileRole>();

export function fileRole(path: string): FileRole {
  let role = known.get(path);
  if (role === undefined) {
    if (known.size >= 100_000) known.clear();
    known.set(path, (role = pathRole(path)));
  }
  return role;
}

/** Tests and what only tests use (mocks, fixtures): patterns normal there say nothing about the service. */
export function isTestSide(role: string): boolean {
  return role === 'test' || role === 'mock';
}

/** A seed-data script: the values it makes (tokens, passwords) are sample data, not credentials. */
export function isSeedData(path: string): boolean {
  return SEED.test(path);
}
