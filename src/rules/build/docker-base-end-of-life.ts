import { nodeEndOfLife, nodeMajorOfImage } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { productionImages } from '../shared/production-image.js';

export default defineRepoRule({
  id: 'build/docker-base-end-of-life',
  meta: {
    category: 'build',
    severity: 'medium',
    title: 'The production image runs a Node version past its end of life',
    rationale: 'A Node major past its end of life gets no security fixes: vulnerabilities found in its HTTP parser, TLS or OpenSSL after that date stay open in every container built from it.',
    remediation: { text: 'Move the final stage to a maintained LTS (`FROM node:22-alpine`, or the newest LTS), run the tests on it, and track the Node release schedule.', effort: 'medium' },
    messages: {
      endOfLife: '{{path}}:{{line}} `{{instruction}}`: the production image ({{why}}) runs Node {{major}}, past its end of life since {{since}}',
    },
  },
  check(ctx) {
    const decision = productionImages(ctx);
    if (decision.candidates.length === 0) return ctx.notApplicable('no release Dockerfile');
    const read: string[] = [];
    for (const img of decision.images) {
      const root = img.image.chain[0];
      const major = nodeMajorOfImage(img.image.base);
      if (major === null) { read.push(`${img.path}: ${img.image.base} (no Node version verdict can read from it)`); continue; }
      const eol = nodeEndOfLife(major, ctx.today);
      if (!eol) { read.push(`${img.path}: ${img.image.base}, Node ${major} maintained on ${ctx.today}`); continue; }
      const instruction = `FROM ${root.base}`;
      ctx.report({
        messageId: 'endOfLife',
        data: { path: img.path, line: root.line, instruction, why: img.why, major, since: eol.since },
        location: { path: img.path, line: root.line, snippet: instruction },
        evidence: [{ kind: 'note', text: `Node ${major} end of life ${eol.since} (${eol.source}), audit date ${ctx.today}` }],
      });
    }
    if (decision.undecided.length > 0) ctx.unknown(`not known which image ships: ${decision.undecided.join(', ')}${read.length ? `; ${read.join('; ')}` : ''}`);
    else ctx.pass(read.length > 0 ? read.join('; ') : `${decision.images.length} production image(s) read`);
  },
});
