import { importsOf, moduleFacts } from '../../collect/facts/modules.js';
import { telemetryFacts, type TelemetryFact } from '../../collect/facts/telemetry.js';
import type { DiscoveredPackage } from '../../discover/index.js';
import { defineRepoRule } from '../api.js';
import { byPackage, isDeployable } from '../shared/packages.js';
import { pushTo } from '../../util/group.js';

/** Modules that set up a tracing SDK or a vendor agent that exports spans. */
const SDK_MODULES = [
  '@opentelemetry/sdk-node', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace-web',
  '@opentelemetry/auto-instrumentations-node', '@microlabs/otel-cf-workers', '@vercel/otel', '@honeycombio/opentelemetry-node',
  '@azure/monitor-opentelemetry', '@splunk/otel', 'dd-trace', 'elastic-apm-node', 'newrelic', '@sentry/', '@highlight-run/node',
  '@baselime/node-opentelemetry', '@langfuse/otel', 'evlog',
];
const isSdkSpec = (spec: string) => SDK_MODULES.some((m) => (m.endsWith('/') ? spec.startsWith(m) : spec === m || spec.startsWith(`${m}/`)));
/** Preloading an SDK from the command line: `node --require @opentelemetry/auto-instrumentations-node/register`. */
const PRELOAD = /--(require|import|r)[ =]\S*(opentelemetry|otel|dd-trace|newrelic|elastic-apm|@sentry)/;

export default defineRepoRule({
  id: 'observability/tracing-without-exporter',
  meta: {
    category: 'observability',
    severity: 'medium',
    title: 'Spans created but no tracing SDK or exporter configured',
    rationale: 'With only the tracing API and no SDK, every span is a no-op: the code looks instrumented and nothing ever reaches a trace backend.',
    remediation: { text: 'Configure an SDK with an exporter at startup (`NodeSDK` with an OTLP exporter, `@microlabs/otel-cf-workers` `instrument()` on Workers, or your vendor agent), or remove the dead instrumentation.', effort: 'medium' },
    messages: {
      spansGoNowhere: '{{count}} span call(s) ({{spans}}) but no tracing SDK or exporter is configured in {{pkg}}: the spans go nowhere',
    },
  },
  check(ctx) {
    const imports = byPackage(importsOf(ctx.facts(moduleFacts)), ctx.packageOf);
    const facts = byPackage(ctx.facts(telemetryFacts), ctx.packageOf);
    const configured = (pkg: DiscoveredPackage): string | null => {
      const imp = (imports.get(pkg.name) ?? []).find((i) => isSdkSpec(i.spec));
      if (imp) return `${imp.spec} imported at ${imp.path}:${imp.line}`;
      const sdk = (facts.get(pkg.name) ?? []).find((t) => t.type === 'sdk');
      if (sdk) return `new ${sdk.name}() at ${sdk.path}:${sdk.line}`;
      const script = Object.entries(pkg.scripts).find(([, s]) => PRELOAD.test(s));
      if (script) return `script "${script[0]}" preloads an SDK`;
      return null;
    };
    if (ctx.layout.packages.length === 0) ctx.notApplicable('no package.json found');
    for (const pkg of ctx.layout.packages) {
      const spans = (facts.get(pkg.name) ?? []).filter((t) => t.type === 'span' && t.role === 'service');
      if (spans.length === 0) {
        ctx.notApplicable('no span created in service code', pkg.name);
        continue;
      }
      if (!isDeployable(pkg, ctx.layout)) {
        ctx.notApplicable('a library: it creates spans through the API and the application that uses it configures the SDK', pkg.name);
        continue;
      }
      // An SDK set up in a workspace package this one depends on counts.
      const deps = ctx.layout.packages.filter((p) => p !== pkg && (p.name in pkg.dependencies || p.name in pkg.devDependencies));
      const how = [pkg, ...deps].map(configured).find((x) => x !== null);
      if (how) {
        ctx.pass(`${spans.length} span call(s); SDK configured (${how})`, pkg.name);
        continue;
      }
      const perFile = new Map<string, TelemetryFact[]>();
      for (const s of spans) pushTo(perFile, s.path, s);
      for (const [path, list] of perFile) {
        ctx.report({
          messageId: 'spansGoNowhere',
          data: { count: list.length, spans: [...new Set(list.map((s) => s.name))].join(', '), pkg: pkg.name },
          location: { path, line: list[0].line, snippet: list[0].snippet },
          evidence: [
            { kind: 'note', text: `searched ${pkg.name} and its workspace dependencies for ${SDK_MODULES.join(', ')}, provider/exporter constructors and --require preloads` },
            { kind: 'figure', name: `span calls in ${pkg.name}`, value: spans.length },
          ],
          package: pkg.name,
        });
      }
      ctx.pass(`${spans.length} span call(s) in ${perFile.size} file(s), no SDK found`, pkg.name);
    }
  },
});
