// Telemetry facts per source file: `/metrics` route strings, spans created, tracer providers and
// exporters constructed. Which libraries are imported comes from collect/modules.
import ts from 'typescript';
import { lineTextOf, snippetOf } from '../../util/text.js';
import { telemetryFacts, type TelemetryFact } from '../facts/telemetry.js';
import type { VisitorHost } from '../host.js';

const SPAN_CALLS = new Set(['startSpan', 'startActiveSpan', 'getTracer']);
/** Constructors and calls that set an SDK up (an exporter, a provider, an instrumented worker). */
const SDK = /^(NodeSDK|NodeTracerProvider|BasicTracerProvider|WebTracerProvider|\w+SpanExporter|\w+TraceExporter|SimpleSpanProcessor|BatchSpanProcessor)$/;

export const telemetry: VisitorHost = {
  id: telemetryFacts.id,
  parents: false,
  triggers: ['/metrics', 'startSpan', 'startActiveSpan', 'getTracer', 'NodeSDK', 'TracerProvider', 'Exporter', 'SpanProcessor'],
  create(ctx) {
    const emit = (type: TelemetryFact['type'], name: string, node: ts.Node) => {
      const line = ctx.lineOf(node);
      telemetryFacts.emit(ctx, { type, name, line, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, line)), role: ctx.file.role });
    };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const e = c.expression;
        const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : null;
        if (name && SPAN_CALLS.has(name)) emit('span', name, c);
        for (const a of c.arguments) {
          if (ts.isStringLiteralLike(a) && /^(\/[\w-]+)*\/metrics$/.test(a.text)) emit('metrics-route', a.text, a);
        }
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        const e = n.expression;
        const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : null;
        if (name && SDK.test(name)) emit('sdk', name, n);
      },
    };
  },
};
