// Failures that are the machine's, not the code's: no network for a download (engines, browsers,
// registries), a service the tests need that is not running, a container runtime that is absent, a
// browser never installed. Each makes the probe's checks UNKNOWN with the command that fixes it locally.
import type { DiagnoseContext, Recogniser } from './diagnose.js';

interface Download {
  host: RegExp;
  what: string;
  /** The command that makes the download, given the package manager's exec prefix (`npx`, `pnpm exec`). */
  fix: (exec: string) => string;
}

// Hosts that tools download from during install, build or tests.
const DOWNLOADS: Download[] = [
  { host: /^binaries\.prisma\.sh$/, what: 'the Prisma engines', fix: (x) => `\`${x} prisma generate\` on a machine with network access (or set PRISMA_ENGINES_MIRROR to a reachable mirror)` },
  { host: /playwright|^playwright\.download\.prss\.microsoft\.com$/, what: 'the Playwright browsers', fix: (x) => `\`${x} playwright install\`` },
  { host: /^storage\.googleapis\.com$|chrome-for-testing|googlechromelabs/, what: 'a Chrome build', fix: (x) => `\`${x} puppeteer browsers install chrome\`` },
  { host: /^registry\.(npmjs\.org|yarnpkg\.com|npmmirror\.com)$|^npm\.pkg\.github\.com$/, what: 'packages from the registry', fix: () => 'the install with network access, then commit nothing and re-run offline' },
  { host: /^fonts\.(googleapis|gstatic)\.com$/, what: 'Google Fonts (next/font/google downloads them at build time)', fix: () => 'the build with network access, or self-host the fonts with next/font/local' },
];

// Ports of the services tests most often expect on this machine, and a command that starts one.
const SERVICES: Record<string, { name: string; start: string }> = {
  5432: { name: 'PostgreSQL', start: 'docker run -d -p 5432:5432 -e POSTGRES_PASSWORD=postgres postgres:16' },
  3306: { name: 'MySQL', start: 'docker run -d -p 3306:3306 -e MYSQL_ROOT_PASSWORD=mysql mysql:8' },
  6379: { name: 'Redis', start: 'docker run -d -p 6379:6379 redis:7' },
  27017: { name: 'MongoDB', start: 'docker run -d -p 27017:27017 mongo:7' },
  5672: { name: 'RabbitMQ', start: 'docker run -d -p 5672:5672 rabbitmq:3' },
  9092: { name: 'Kafka', start: 'docker run -d -p 9092:9092 apache/kafka:3.8.0' },
  9200: { name: 'Elasticsearch', start: 'docker run -d -p 9200:9200 -e discovery.type=single-node -e xpack.security.enabled=false elasticsearch:8.15.0' },
  11211: { name: 'Memcached', start: 'docker run -d -p 11211:11211 memcached:1' },
  4566: { name: 'LocalStack (AWS emulator)', start: 'docker run -d -p 4566:4566 localstack/localstack' },
  8000: { name: 'DynamoDB Local', start: 'docker run -d -p 8000:8000 amazon/dynamodb-local' },
  8080: { name: 'the Firestore emulator (or another local HTTP service)', start: 'npx firebase emulators:start' },
  9099: { name: 'the Firebase Auth emulator', start: 'npx firebase emulators:start --only auth' },
  8085: { name: 'the Pub/Sub emulator', start: 'gcloud beta emulators pubsub start --host-port=localhost:8085' },
  9000: { name: 'MinIO (S3 emulator)', start: 'docker run -d -p 9000:9000 minio/minio server /data' },
  4222: { name: 'NATS', start: 'docker run -d -p 4222:4222 nats:2' },
};

const LOCAL = /^(?:127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost|0\.0\.0\.0|::ffff:127\.0\.0\.1)$/;
const NO_HOST = /getaddrinfo (ENOTFOUND|EAI_AGAIN) ([\w.-]+)|\b(ENOTFOUND|EAI_AGAIN)\b[^\n]*?\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b/i;
const CONNECT = /connect (ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH) (\[?[\d.:a-f]+\]?):(\d+)/gi;
const URL_FAILED = /(?:Failed to fetch the engine file at|Failed to fetch sha256 checksum at|request to|Failed to download [^\n]*? from|Download failed: server returned code \d+\.? URL:)\s*(https?:\/\/[^\s'"`,)]+)/i;
const PRISMA_DB = /Can't reach database server at `?([\w.-]+)`?:`?(\d+)`?/;
const REDIS = /Redis connection to ([\w.-]+):(\d+) failed/;
const NO_DOCKER = /Could not find a working container runtime strategy|Cannot connect to the Docker daemon|connect ENOENT \/var\/run\/docker\.sock/;

/** "the tests need" / "the build needs": probe kinds read as the subject of the sentence. */
function verb(kind: string, plural: string, singular: string): string {
  return `the ${kind} ${kind === 'tests' ? plural : singular}`;
}

export function execPrefix(pm: string): string {
  return pm === 'pnpm' ? 'pnpm exec' : pm === 'yarn' ? 'yarn' : pm === 'bun' ? 'bunx' : 'npx';
}

/** Tests whose failures are all this kind of environment problem (or a run with no failure to read). */
function allFailuresMatch(ctx: DiagnoseContext, re: RegExp): boolean {
  return ctx.failures.every((f) => new RegExp(re.source, re.flags.replace('g', '')).test(f));
}

interface Unreachable { host: string; code: string; url: string | null }

function unreachableHost(output: string): Unreachable | null {
  const url = URL_FAILED.exec(output);
  const noHost = NO_HOST.exec(output);
  if (url) {
    const host = new URL(url[1]).hostname;
    const code = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\b/.exec(output)?.[1] ?? 'no connection';
    return { host, code, url: url[1] };
  }
  if (noHost) return { host: noHost[2] ?? noHost[4], code: noHost[1] ?? noHost[3], url: null };
  for (const m of output.matchAll(CONNECT)) {
    if (!LOCAL.test(m[2])) return { host: `${m[2]}:${m[3]}`, code: m[1], url: null };
  }
  if (/(?:npm ERR!|npm error) (?:code )?(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT)|(?:npm ERR!|npm error) network/.test(output)) return { host: 'the npm registry', code: 'network', url: null };
  return null;
}

function unreachableService(output: string): { host: string; port: string } | null {
  for (const m of output.matchAll(CONNECT)) {
    if (LOCAL.test(m[2]) && m[1] === 'ECONNREFUSED') return { host: m[2], port: m[3] };
  }
  const prisma = PRISMA_DB.exec(output) ?? REDIS.exec(output);
  return prisma ? { host: prisma[1], port: prisma[2] } : null;
}

const SERVICE_TEXT = /ECONNREFUSED|Can't reach database server|Redis connection to .* failed/;
const NETWORK_TEXT = /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED|fetch failed|Failed to (?:fetch|download)/;

export const ENVIRONMENT_RECOGNISERS: Recogniser[] = [
  {
    id: 'service-unreachable',
    blocksRun: true,
    match: (c) => {
      const s = unreachableService(c.output);
      return s && allFailuresMatch(c, SERVICE_TEXT) ? [`${s.host}:${s.port}`, s.host, s.port] : null;
    },
    message: (m, c) => {
      const service = SERVICES[m?.[2] ?? ''];
      return `${verb(c.kind, 'need', 'needs')} ${service ? service.name : 'a service'} at ${m?.[0] ?? 'a local port'} and nothing answers there (connection refused)`;
    },
    fix: (m, c) => {
      const service = SERVICES[m?.[2] ?? ''];
      const start = service ? `\`${service.start}\`` : `the service the ${c.kind} expect on port ${m?.[2] ?? '?'}`;
      return `Start ${start} (or \`docker compose up -d\` where the repository has a compose file), point the ${c.kind} at it (e.g. DATABASE_URL), and run \`${c.command}\` again.`;
    },
  },
  {
    id: 'network-unavailable',
    blocksRun: true,
    match: (c) => {
      const u = unreachableHost(c.output);
      return u && allFailuresMatch(c, NETWORK_TEXT) ? [u.host, u.host, u.code, u.url ?? ''] : null;
    },
    message: (m, c) => {
      const host = m?.[1] ?? '?';
      const d = DOWNLOADS.find((x) => x.host.test(host));
      return `the ${c.kind} needed the network${d ? ` to download ${d.what}` : ''} and could not reach ${host} (${m?.[2] ?? 'no connection'}${m?.[3] ? `, ${m[3]}` : ''})`;
    },
    fix: (m, c) => {
      const d = DOWNLOADS.find((x) => x.host.test(m?.[1] ?? ''));
      return d
        ? `Run ${d.fix(execPrefix(c.packageManager))}, then \`${c.command}\` again (or audit on a machine that can reach ${m?.[1]}).`
        : `Run \`${c.command}\` on a machine that can reach ${m?.[1] ?? 'the network'}, or make it work offline (vendor or cache what it downloads, mock the remote service in tests).`;
    },
  },
  {
    id: 'container-runtime-missing',
    blocksRun: true,
    match: (c) => (allFailuresMatch(c, NO_DOCKER) ? NO_DOCKER.exec(c.output) : null),
    message: (_m, c) => `${verb(c.kind, 'start', 'starts')} containers (Testcontainers or docker) and no container runtime answers on this machine`,
    fix: (_m, c) => `Start Docker (or point DOCKER_HOST at a running daemon), then run \`${c.command}\` again.`,
  },
  {
    id: 'browser-missing',
    blocksRun: true,
    match: (c) => /Executable doesn't exist at (\S+)|Could not find (?:Chrome|Chromium|expected browser)[^\n]*/.exec(c.output),
    message: (m) => `the browser the ${m?.[1] ? 'Playwright' : 'Puppeteer'} tests drive is not installed${m?.[1] ? ` (${m[1]})` : ''}`,
    fix: (m, c) => `Run \`${execPrefix(c.packageManager)} ${m?.[1] ? 'playwright install' : 'puppeteer browsers install chrome'}\` (it downloads the browser), then \`${c.command}\` again.`,
  },
];
