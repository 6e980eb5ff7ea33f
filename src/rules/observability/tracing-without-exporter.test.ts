import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './tracing-without-exporter.js';

const svc = JSON.stringify({ name: 'svc', private: true, dependencies: { '@opentelemetry/api': '^1' } });
const spans = "import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('svc');\nexport function work() {\n  return tracer.startActiveSpan('work', (span) => span.end());\n}\n";

describe('observability/tracing-without-exporter', () => {
  it('stays silent when an SDK is configured, in a library, or without spans', async () => {
    expect(await runRule(rule, {
      'package.json': svc,
      'src/work.ts': spans,
      'src/tracing.ts': "import { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK({}).start();\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node --require @opentelemetry/auto-instrumentations-node/register dist/index.js' } }),
      'src/work.ts': spans,
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': svc,
      'wrangler.toml': 'name = "w"\nmain = "src/index.ts"\n',
      'src/work.ts': spans,
      'src/index.ts': "import { instrument } from '@microlabs/otel-cf-workers';\nexport default instrument(handler, config);\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'lib', main: 'index.js' }),
      'src/work.ts': spans,
    })).toEqual([]);
    expect(await runRule(rule, { 'package.json': svc, 'src/a.ts': 'export const a = 1;\n', 'test/t.test.ts': spans })).toEqual([]);
  });

  it('reports spans created with only the API, once per file at the first span call', async () => {
    const findings = await runRule(rule, {
      'package.json': svc,
      'src/work.ts': spans,
      'src/other.ts': "export const f = (t: any) => {\n  const s = t.startSpan('x');\n  s.end();\n};\n",
    });
    expect(at(findings)).toEqual(['src/other.ts:2', 'src/work.ts:2']);
    expect(findings[1].message).toMatch(/^2 span call\(s\) \(getTracer, startActiveSpan\)/);
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });
});
