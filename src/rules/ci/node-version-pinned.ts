import { defineRepoRule } from '../api.js';
import { isRecord, parseJsoncText } from '../../util/structured.js';

export default defineRepoRule({
  id: 'ci/node-version-pinned',
  meta: {
    category: 'ci',
    severity: 'low',
    title: 'Node.js version not pinned',
    rationale: 'Without a declared Node version, CI, developers and production each pick their own; a major upgrade then changes behaviour (fetch, test runner, crypto defaults) without anyone deciding it.',
    remediation: { text: 'Declare the version once: `.nvmrc` or `.node-version` (read by setup-node and most hosts), plus `engines.node` in package.json.', effort: 'low' },
    messages: {
      noNodeVersion: 'No Node.js version is declared (no engines.node, .nvmrc, .node-version, .tool-versions, volta or node:<version> Dockerfile base)',
    },
  },
  check(ctx) {
    const root = ctx.layout.packages.find((p) => p.path === '.' && p.manifestPath);
    if (!root) return ctx.notApplicable('no root package.json');
    const pins: string[] = [];
    const node = root.engines.node?.trim();
    if (node && node !== '*') pins.push(`engines.node "${node}"`);
    for (const f of ['.nvmrc', '.node-version']) {
      const text = ctx.documents.get(f)?.trim();
      if (text) pins.push(`${f} "${text.split('\n')[0]}"`);
    }
    const tools = ctx.documents.get('.tool-versions');
    const toolLine = tools?.split('\n').find((l) => /^\s*(nodejs|node)\s+\S/.test(l));
    if (toolLine) pins.push(`.tool-versions "${toolLine.trim()}"`);
    const manifest = parseJsoncText(ctx.documents.get(root.manifestPath!) ?? '{}', root.manifestPath!);
    if (manifest.ok && isRecord(manifest.value) && isRecord(manifest.value.volta) && typeof manifest.value.volta.node === 'string') pins.push(`volta.node "${manifest.value.volta.node}"`);
    for (const [path, text] of ctx.documents) {
      if (path.includes('/') || !/^Dockerfile/i.test(path)) continue;
      const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(node:\d[\w.-]*)/im.exec(text);
      if (m) pins.push(`${path} "${m[1]}"`);
    }
    if (pins.length > 0) return ctx.pass(`Node version declared: ${pins.join(', ')}`);
    ctx.report({
      messageId: 'noNodeVersion',
      location: { path: root.manifestPath!, line: 1 },
    });
    ctx.pass('root package.json and version files inspected');
  },
});
