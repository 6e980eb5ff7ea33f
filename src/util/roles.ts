// What a file is for, from its path alone. Rules use it to stay quiet where a pattern is normal
// (console output in a CLI script, fixtures in tests).
export const FILE_ROLES = ['test', 'script', 'config', 'example', 'generated', 'migration', 'service'] as const;
export type FileRole = typeof FILE_ROLES[number];

// Other languages' conventions too (a Go service beside the TypeScript one: unkey's *_test.go).
const TEST = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|spec|e2e|fixtures?|mocks?|(?:integration|e2e|unit|functional|acceptance|api|smoke|system)[-_]tests?|test[-_]utils?)\/|\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$|\.test-d\.tsx?$|(^|\/)(vitest|jest|playwright)\.[\w.]*config\.[cm]?[jt]s$|(^|\/)[Gg]lobal[-_.]?([Ss]etup|[Tt]eardown)\.[cm]?[jt]s$|_test\.(go|py|rb|exs?)$|(^|\/)test_[^/]+\.py$|_spec\.rb$|(^|\/)src\/test\//;
/** Seed data (knex `seeds/`, sequelize `seeders/`, `prisma/seed.ts`): fills development databases. */
const SEED = /(^|\/)(seeds?|seeders?)\/|(^|\/)seed(s|er)?\.[cm]?[jt]s$|\.seeds?\.[cm]?[jt]s$/;
const SCRIPT = /(^|\/)\.?(scripts?|bin|tools|cli)\/|(^|\/)cli\.[cm]?[jt]s$/;
const CONFIG = /(^|\/)[\w.-]+\.config\.[cm]?[jt]s$|(^|\/)\.[\w-]+rc\.[cm]?[jt]s$|(^|\/)(eslint|prettier|babel|postcss|tailwind)[\w.-]*\.[cm]?[jt]s$/;
const EXAMPLE = /(^|\/)(examples?|demos?|samples?|docs?|benchmarks?|bench)\//;
const GENERATED = /(^|\/)(generated|__generated__|\.generated)\/|\.gen\.[cm]?[jt]s$|(^|\/)worker-configuration\.d\.ts$|\.min\.js$|\.pb\.go$|_pb2(?:_grpc)?\.py$|_(?:grpc_)?pb\.(?:d\.ts|[cm]?[jt]s)$/;
/** `alterations/`: logto's name for its database migrations. */
const MIGRATION = /(^|\/)(migrations?|alterations)\//;

function roleOf(path: string): FileRole {
  if (GENERATED.test(path)) return 'generated';
  if (TEST.test(path)) return 'test';
  if (MIGRATION.test(path)) return 'migration';
  if (CONFIG.test(path)) return 'config';
  if (SCRIPT.test(path) || SEED.test(path)) return 'script';
  if (EXAMPLE.test(path)) return 'example';
  return 'service';
}

/** Rules ask once per fact (tens of thousands of times a run on a large repo), so answers are kept. */
const known = new Map<string, FileRole>();

export function fileRole(path: string): FileRole {
  let role = known.get(path);
  if (role === undefined) {
    if (known.size >= 100_000) known.clear();
    known.set(path, (role = roleOf(path)));
  }
  return role;
}

/** A seed-data script: the values it makes (tokens, passwords) are sample data, not credentials. */
export function isSeedData(path: string): boolean {
  return SEED.test(path);
}
