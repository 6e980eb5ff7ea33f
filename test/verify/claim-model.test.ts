// The claim model's pure parts: polarity, what a path line says beyond existence, fact keys.
import { describe, expect, it } from 'vitest';
import { assertedBeyondExistence } from '../../src/verify/checks/code.js';
import { classify, polarity } from '../../src/verify/classify.js';
import { extractClaims } from '../../src/verify/extract.js';
import { factOf } from '../../src/verify/fact.js';

describe('the claim model', () => {
  it('reads a negation inside a condition as the condition\'s, not the claim\'s', () => {
    expect(polarity('Health endpoint returns unhealthy status if critical bindings missing')).toBe('present');
    expect(polarity('No health endpoint')).toBe('absent');
  });

  it('reads a mark beside a severity as the risk\'s rating, not the line\'s status', () => {
    expect(polarity('No Prometheus metrics | ⚠️ MED | Cannot monitor production health')).toBe('absent');
    expect(polarity('Zero request tracing | 🟡 HIGH | Blind spots')).toBe('absent');
    // A feature named beside a rated risk says nothing of its presence: still read as the mark says.
    expect(polarity('Rate limiting | ⚠️ HIGH | Abuse possible')).toBe('partial');
    expect(polarity('Tracing | ⚠️ PARTIAL | spans only')).toBe('partial');
  });

  it('tells a path line that only names a file from one that says what it does', () => {
    expect(assertedBeyondExistence('`docs/RUNBOOK.md` ✅ (120 lines)', ['docs/RUNBOOK.md'])).toBe('');
    expect(assertedBeyondExistence('`src/index.ts` - Added audit logging', ['src/index.ts'])).toBe('audit logging');
  });

  it('keys one fact across wordings, and none for a line the report marks partial', () => {
    const ready = factOf('readiness', { ready: true, conditional: false });
    expect(factOf('score', { score: 95, category: 'overall' }).key).toBe(ready.key);
    expect(factOf('score', { score: 60, category: 'overall' }).key).not.toBe(ready.key);
    expect(factOf('feature', { feature: 'health-endpoint', polarity: 'partial' }).key).toBeNull();
    expect(factOf('feature', { feature: 'health-endpoint', polarity: 'present' }).key).not.toBe(factOf('feature', { feature: 'health-endpoint', polarity: 'absent' }).key);
    expect(factOf('count', { what: 'databases', n: 4, scope: 'orchestrator' })).toMatchObject({ subject: 'databases in orchestrator', predicate: 'count = 4' });
  });
});

describe('the claim model: a vulnerabilities claim gives a figure, names the audit or labels a status', () => {
  const kinds = (md: string) => extractClaims(md).claims.map((c) => classify(c));
  it('reads a document row whose notes mention vulnerability reporting as the document, not as "0 vulnerabilities"', () => {
    const [row] = kinds('| Document | Status | Notes |\n|---|---|---|\n| **SECURITY.md** | ✅ COMPLETE | Security policies, vulnerability reporting |\n');
    expect(row.kind).toBe('path');
    expect(row.subject.paths).toBe('SECURITY.md');
  });

  it('still reads a figure, an audit and a labelled status as vulnerabilities claims', () => {
    const [zero, audit, label, three] = kinds('- ✅ 0 vulnerabilities\n- npm audit: clean\n- **Vulnerabilities:** ✅ none\n- 3 high vulnerabilities remain\n');
    expect([zero.kind, audit.kind, label.kind, three.kind]).toEqual(['vulnerabilities', 'vulnerabilities', 'vulnerabilities', 'vulnerabilities']);
    expect(zero.subject.n).toBe(0);
    expect(three.subject.n).toBe(3);
  });
});
