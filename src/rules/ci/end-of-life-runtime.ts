import type { LineCounter } from 'yaml';
import { nodeEndOfLife, retiredRunner, type EndOfLife } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { isMap, isPair, isScalar, isSeq, yaml, type YamlNode } from '../../util/yaml.js';

interface Hit {
  line: number;
  what: string;
}

function get(node: unknown, key: string): YamlNode | null {
  if (!isMap(node)) return null;
  for (const p of node.items) if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return p.value as YamlNode;
  return null;
}

/** The scalars of a value: itself, or the items of a list. */
function scalars(node: YamlNode | null): Array<{ value: string; offset: number }> {
  const items = isSeq(node) ? (node.items as YamlNode[]) : node ? [node] : [];
  return items.filter(isScalar).map((n) => ({ value: String(n.value), offset: n.range?.[0] ?? 0 }));
}

const nodeHit = (lc: LineCounter, s: { value: string; offset: number }, eol: EndOfLife): Hit => ({ line: lc.linePos(s.offset).line, what: `Node ${s.value} (end of life since ${eol.since})` });

/** What a GitHub workflow asks for: each job's runner label, setup-node versions and matrix node versions. */
function githubHits(root: unknown, lc: LineCounter, today: string): Hit[] {
  const out: Hit[] = [];
  const jobs = get(root, 'jobs');
  if (!isMap(jobs)) return out;
  for (const j of jobs.items) {
    const job = isPair(j) ? j.value : null;
    for (const s of scalars(get(job, 'runs-on'))) {
      const r = retiredRunner(s.value);
      if (r) out.push({ line: lc.linePos(s.offset).line, what: `runner ${s.value} (removed ${r.since})` });
    }
    for (const s of scalars(get(get(get(job, 'strategy'), 'matrix'), 'node-version')).concat(scalars(get(get(get(job, 'strategy'), 'matrix'), 'node')))) {
      const eol = nodeEndOfLife(s.value, today);
      if (eol) out.push(nodeHit(lc, s, eol));
    }
    const steps = get(job, 'steps');
    for (const step of isSeq(steps) ? steps.items : []) {
      for (const s of scalars(get(get(step, 'with'), 'node-version'))) {
        const eol = nodeEndOfLife(s.value, today);
        if (eol) out.push(nodeHit(lc, s, eol));
      }
    }
  }
  return out;
}

/** The Node versions a Travis file builds on (`node_js`). */
function travisHits(root: unknown, lc: LineCounter, today: string): Hit[] {
  return scalars(get(root, 'node_js')).flatMap((s) => {
    const eol = nodeEndOfLife(s.value, today);
    return eol ? [nodeHit(lc, s, eol)] : [];
  });
}

export default defineRepoRule({
  id: 'ci/end-of-life-runtime',
  meta: {
    category: 'ci',
    severity: 'low',
    title: 'CI runs on a Node version or runner past its end of life',
    rationale: 'A Node major past end of life gets no security fixes, and tests on it say nothing about the version production should run; a removed GitHub runner image means the job waits for a machine that never comes, so CI has not run since it was removed.',
    remediation: { text: 'Test on the Node version production runs (a maintained LTS), and use a current runner label (`ubuntu-latest` or a supported version).', effort: 'low' },
    messages: {
      endOfLife: '{{file}} asks for {{what}}',
    },
  },
  check(ctx) {
    const files = [...ctx.layout.workflows.filter((p) => p.startsWith('.github/workflows/')), ...(ctx.documents.has('.travis.yml') ? ['.travis.yml'] : [])];
    if (files.length === 0) return ctx.notApplicable('no GitHub workflow or Travis file');
    for (const path of files) {
      const text = ctx.documents.get(path);
      if (text === undefined) continue;
      const lc = new (yaml().LineCounter)();
      const doc = yaml().parseDocument(text, { lineCounter: lc, uniqueKeys: false });
      if (doc.errors.length > 0) continue; // ci/missing-checks reports malformed workflows
      const hits = path === '.travis.yml' ? travisHits(doc.contents, lc, ctx.today) : githubHits(doc.contents, lc, ctx.today);
      if (hits.length === 0) continue;
      hits.sort((a, b) => a.line - b.line);
      const what = [...new Set(hits.map((h) => h.what))];
      ctx.report({
        messageId: 'endOfLife',
        data: { file: path, what: what.slice(0, 4).join(', ') + (what.length > 4 ? ` and ${what.length - 4} more` : '') },
        location: { path, line: hits[0].line },
      });
    }
    ctx.pass(`${files.length} CI file(s) read for Node versions and runner labels`);
  },
});
