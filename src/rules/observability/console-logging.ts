import { consoleFacts } from '../../collect/facts/console.js';
import { importsOf, moduleFacts } from '../../collect/facts/modules.js';
import { defineRepoRule } from '../api.js';
import { byPackage, isDeployable } from '../shared/packages.js';

/** Structured logging libraries, by import specifier (and dependency name). */
const LOGGER_MODULES = [
  'pino', 'pino-http', 'hono-pino', 'winston', 'bunyan', '@logtape/logtape', 'tslog', 'roarr', 'consola', 'loglevel',
  'log4js', 'signale', '@nestjs/common', 'fastify', 'evlog', '@opentelemetry/api-logs', '@axiomhq/logging', '@google-cloud/logging',
];
const isLoggerSpec = (spec: string) => LOGGER_MODULES.some((m) => spec === m || spec.startsWith(`${m}/`));
/** A file whose name says it is the project's logger may use console as its sink. */
const LOGGER_FILE = /(^|\/)(log|logger|logging)(\/|\.[cm]?[jt]sx?$)/;
/** Example, demo and benchmark files outside an examples/ folder. */
const DEMO_FILE = /(^|\/)([^/]*(example|demo|bench)[^/]*|bin)\.[cm]?[jt]sx?$/i;

/** UI components: their console is the browser's, which no log pipeline reads. */
const UI_FILE = /\.[jt]sx$/;

/** Files a package.json `bin` entry names: command-line tools, where the console is the interface. */
function binFiles(manifestPath: string | null, text: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!manifestPath || !text) return out;
  let bin: unknown;
  try { bin = (JSON.parse(text) as { bin?: unknown }).bin; } catch { return out; }
  const dir = manifestPath.includes('/') ? manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1) : '';
  const targets = typeof bin === 'string' ? [bin] : bin && typeof bin === 'object' ? Object.values(bin) : [];
  for (const t of targets) if (typeof t === 'string') out.add(dir + t.replace(/^\.\//, ''));
  return out;
}

export default defineRepoRule({
  id: 'observability/console-logging',
  meta: {
    category: 'observability',
    severity: 'low',
    title: '`console.*` logging in service code without a structured logger',
    rationale: 'Plain console lines carry no level, request id or fields a log pipeline can filter on; incidents are then debugged by grep.',
    remediation: { text: 'Adopt a structured logger (pino, winston, ...) or a small module that prints one JSON object per line, and log through it.', effort: 'medium' },
    messages: { consoleInService: '{{calls}} console.* call(s) in service code and no structured logger in {{package}}' },
  },
  check(ctx) {
    const calls = byPackage(ctx.facts(consoleFacts), ctx.packageOf);
    const imports = byPackage(importsOf(ctx.facts(moduleFacts)), ctx.packageOf);
    if (ctx.layout.packages.length === 0) ctx.notApplicable('no package.json found');
    for (const pkg of ctx.layout.packages) {
      if (!isDeployable(pkg, ctx.layout)) {
        ctx.notApplicable('a published library: warnings on the console are its users\' to route', pkg.name);
        continue;
      }
      const cli = binFiles(pkg.manifestPath, pkg.manifestPath ? ctx.documents.get(pkg.manifestPath) : undefined);
      const files = (calls.get(pkg.name) ?? []).filter((f) => f.role === 'service' && !f.client && !UI_FILE.test(f.path)
        && !LOGGER_FILE.test(f.path) && !DEMO_FILE.test(f.path) && !cli.has(f.path));
      const declared = pkg.loggers.length > 0 || LOGGER_MODULES.some((m) => m in pkg.dependencies);
      const imported = (imports.get(pkg.name) ?? []).find((i) => isLoggerSpec(i.spec));
      const jsonLogger = (calls.get(pkg.name) ?? []).find((f) => f.role === 'service' && f.json > 0);
      if (declared || imported || jsonLogger) {
        const how = imported ? `${imported.spec} imported in ${imported.path}:${imported.line}`
          : jsonLogger ? `JSON lines printed in ${jsonLogger.path}:${jsonLogger.firstLine}` : `dependency ${pkg.loggers[0] ?? LOGGER_MODULES.find((m) => m in pkg.dependencies)}`;
        ctx.pass(`structured logger in use (${how})`, pkg.name);
        continue;
      }
      if (files.length === 0) {
        ctx.pass('no console.* call in service code', pkg.name);
        continue;
      }
      const total = files.reduce((n, f) => n + f.calls, 0);
      for (const f of files) {
        ctx.report({
          messageId: 'consoleInService',
          data: { calls: f.calls, package: pkg.name },
          location: { path: f.path, line: f.firstLine, snippet: f.snippet },
          evidence: [
            { kind: 'figure', name: 'console calls in this file', value: f.calls },
            { kind: 'figure', name: `console calls in service code of ${pkg.name}`, value: total },
            { kind: 'figure', name: 'service files with console calls', value: files.length },
          ],
          package: pkg.name,
        });
      }
      ctx.pass(`${total} console.* call(s) in ${files.length} service file(s), no structured logger`, pkg.name);
    }
  },
});
