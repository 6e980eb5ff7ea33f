import { importsOf, moduleFacts } from '../../collect/facts/modules.js';
import { telemetryFacts } from '../../collect/facts/telemetry.js';
import { defineRepoRule } from '../api.js';
import { byPackage, isLongRunningNodeService, lineOfText } from '../shared/packages.js';

/** Libraries that expose Prometheus metrics. */
const METRICS_MODULES = [
  'prom-client', 'express-prom-bundle', 'express-prometheus-middleware', 'prometheus-api-metrics', 'fastify-metrics',
  '@hono/prometheus', '@opentelemetry/exporter-prometheus', '@willsoto/nestjs-prometheus', 'koa-prometheus',
];
const isMetricsSpec = (spec: string) => METRICS_MODULES.some((m) => spec === m || spec.startsWith(`${m}/`));

export default defineRepoRule({
  id: 'observability/metrics',
  meta: {
    category: 'observability',
    severity: 'low',
    title: 'Prometheus metrics exposed by a long-running service',
    rationale: 'Without request rates, latencies and error counts there is no alert before users notice, and no figure to compare a release against.',
    remediation: { text: 'Expose metrics (prom-client with `collectDefaultMetrics` and an HTTP histogram, served on `/metrics`, or an OpenTelemetry metrics exporter).', effort: 'medium' },
    messages: {
      noMetrics: 'no Prometheus metrics in {{pkg}}: no metrics library imported and no \'/metrics\' route in {{files}} source file(s)',
    },
  },
  check(ctx) {
    const imports = byPackage(importsOf(ctx.facts(moduleFacts)), ctx.packageOf);
    const routes = byPackage(ctx.facts(telemetryFacts).filter((t) => t.type === 'metrics-route' && t.role === 'service'), ctx.packageOf);
    if (ctx.layout.packages.length === 0) ctx.notApplicable('no package.json found');
    for (const pkg of ctx.layout.packages) {
      const lib = (imports.get(pkg.name) ?? []).find((i) => isMetricsSpec(i.spec));
      const route = (routes.get(pkg.name) ?? [])[0];
      if (lib || route) {
        const where = [lib && `${lib.spec} imported at ${lib.path}:${lib.line}`, route && `'${route.name}' at ${route.path}:${route.line}`].filter(Boolean).join('; ');
        ctx.pass(`metrics exposed (${where})`, pkg.name);
        continue;
      }
      if (!isLongRunningNodeService(pkg, ctx.layout)) {
        ctx.notApplicable('not a long-running Node service (library, worker or no server framework)', pkg.name);
        continue;
      }
      ctx.report({
        messageId: 'noMetrics',
        data: { pkg: pkg.name, files: pkg.sourceFiles },
        location: pkg.manifestPath ? { path: pkg.manifestPath, line: lineOfText(ctx.documents.get(pkg.manifestPath), `"${pkg.frameworks[0]}"`) } : null,
        evidence: [
          { kind: 'note', text: `searched imports for ${METRICS_MODULES.join(', ')} and route strings ending in /metrics` },
          { kind: 'figure', name: 'source files searched', value: pkg.sourceFiles },
        ],
        package: pkg.name,
      });
      ctx.pass(`${pkg.sourceFiles} source file(s) searched`, pkg.name);
    }
  },
});
