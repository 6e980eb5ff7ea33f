import { INSPECTOR_PORT, inspectorIn, inspectorInOptions, type InspectorUse } from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import { defineRepoRule } from '../api.js';
import { composeFilesOf } from '../shared/compose.js';
import { assignmentsOf } from '../shared/dockerfiles.js';
import { finalInstructions, productionImages } from '../shared/production-image.js';
import { startCommandsOf } from '../shared/start-commands.js';

interface Hit { use: InspectorUse; via: string; path: string; line: number; text: string; chain: Evidence[] }

export default defineRepoRule({
  id: 'security/debug-port-exposed',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'The production process opens the Node inspector on a public interface',
    rationale: 'The inspector protocol evaluates any code in the process without authentication: `--inspect=0.0.0.0` in the production start lets anyone who reaches the port (the network, other containers, a published port) run code as the service.',
    remediation: { text: 'Remove `--inspect` from the production start command and NODE_OPTIONS; to debug a deployed process, bind it to 127.0.0.1 and reach it through an SSH tunnel or `kubectl port-forward`.', effort: 'low' },
    messages: {
      publicInspector: '{{via}} starts the Node inspector on {{host}}:{{port}} (`{{option}}`){{published}}: anyone who reaches the port runs code in the service',
      variableInspector: '{{via}} starts the Node inspector (`{{option}}`) on a host set from a variable: whether it binds beyond loopback was not verified',
    },
  },
  check(ctx) {
    const hits: Hit[] = [];
    for (const s of startCommandsOf(ctx)) {
      const use = inspectorIn(s.words);
      if (!use || use.public === false) continue;
      const where = [...s.chain].reverse().find((c) => c.text.includes('--inspect')) ?? s.chain[s.chain.length - 1];
      hits.push({ use, via: s.via, path: where.path, line: where.line, text: where.text, chain: s.chain.map((c) => ({ kind: 'file' as const, path: c.path, line: c.line, snippet: c.text })) });
    }
    const exposed: Evidence[] = [];
    const images = productionImages(ctx).images;
    for (const img of images) {
      for (const ins of finalInstructions(img.image)) {
        if (ins.keyword === 'EXPOSE' && ins.args.split(/\s+/).some((p) => parseInt(p, 10) === INSPECTOR_PORT)) exposed.push({ kind: 'file', path: img.path, line: ins.line, snippet: `EXPOSE ${ins.args}` });
        if (ins.keyword !== 'ENV') continue;
        const opts = assignmentsOf(ins.args).find((a) => a.key === 'NODE_OPTIONS');
        const use = opts?.value ? inspectorInOptions(opts.value) : null;
        if (use && use.public !== false) hits.push({ use, via: `${img.path} ENV NODE_OPTIONS`, path: img.path, line: ins.line, text: `ENV ${ins.args}`, chain: [] });
      }
    }
    for (const file of composeFilesOf(ctx)) {
      if (file.purpose !== 'production') continue;
      for (const svc of file.services) {
        if (!svc.built) continue;
        for (const p of svc.ports) if (new RegExp(`(^|:)${INSPECTOR_PORT}(/tcp)?$`).test(p.text.replace(/["']/g, ''))) exposed.push({ kind: 'file', path: file.path, line: p.line, snippet: `ports: ${p.text}` });
        const opts = svc.environment.find((e) => e.key === 'NODE_OPTIONS');
        const use = opts?.value ? inspectorInOptions(opts.value) : null;
        if (use && opts && use.public !== false) hits.push({ use, via: `${file.path} service ${svc.name} NODE_OPTIONS`, path: file.path, line: opts.line, text: `NODE_OPTIONS=${opts.value}`, chain: [] });
      }
    }
    const seen = new Set<string>();
    for (const h of hits) {
      const key = `${h.path}:${h.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const published = exposed.filter((e) => e.kind === 'file');
      const evidence = [...h.chain, ...published];
      if (h.use.public === null) {
        ctx.report({ messageId: 'variableInspector', data: { via: h.via, option: h.use.shown }, severity: 'medium', location: { path: h.path, line: h.line, snippet: h.text }, evidence });
        continue;
      }
      const publishedText = published.length > 0 ? `, port published at ${published.map((e) => (e.kind === 'file' ? `${e.path}:${e.line}` : '')).join(', ')}` : '';
      ctx.report({ messageId: 'publicInspector', data: { via: h.via, host: h.use.host ?? '', port: h.use.port ?? INSPECTOR_PORT, option: h.use.shown, published: publishedText }, location: { path: h.path, line: h.line, snippet: h.text }, evidence });
    }
    if (hits.length === 0 && startCommandsOf(ctx).length === 0 && images.length === 0) return ctx.notApplicable('no production start command or image found');
    if (hits.length === 0) ctx.pass(`${startCommandsOf(ctx).length} production start command(s), ${images.length} production image(s): no inspector beyond loopback`);
  },
});
