import { devServerIn } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { COMPOSE_FILE } from '../shared/compose.js';
import { productionImages } from '../shared/production-image.js';
import { startCommandsOf } from '../shared/start-commands.js';

export default defineRepoRule({
  id: 'build/dev-server-start',
  meta: {
    category: 'build',
    severity: 'medium',
    title: 'The production start command runs a development tool',
    rationale: 'A file watcher or dev server as the production process restarts on file changes, compiles or type-checks at every start, serves an unoptimised build, and comes from devDependencies that a production install leaves out: the container then cannot start at all.',
    remediation: { text: 'Build ahead of time (`tsc`, `next build`, `vite build`) and start the built output with `node` (or the framework\'s `start`); keep the watcher in a `dev` script.', effort: 'low' },
    messages: {
      devServer: '{{via}} starts `{{command}}` ({{tool}} {{does}}){{chain}}',
      imageDevServer: '{{path}}:{{line}} `{{instruction}}`: the production {{what}} starts `{{command}}` ({{tool}} {{does}}){{chain}}',
      devServerOmitted: '{{via}} starts `{{command}}`{{chain}}, but {{tool}} is a devDependency and the image installs without them ({{install}}): the container cannot start',
    },
  },
  check(ctx) {
    const starts = startCommandsOf(ctx);
    if (starts.length === 0) return ctx.notApplicable('no start command found (Dockerfile, Procfile, fly.toml, render.yaml, railway, production compose, start script)');
    const seen = new Set<string>();
    // The image that ships (or a production compose file's command): the finding is the deploy file's line.
    const images = new Map(productionImages(ctx).images.map((i) => [i.path, i.why]));
    for (const s of starts) {
      const hit = devServerIn(s.words);
      if (!hit) continue;
      // The line that runs the tool: the last script of the chain, or the deploy file itself.
      const where = s.chain[s.chain.length - 1];
      const key = `${where.path}:${where.line}:${hit.server.bin}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const devOnly = s.pkg !== null && hit.server.package in s.pkg.devDependencies && !(hit.server.package in s.pkg.dependencies);
      const omitted = devOnly && s.omitsDev !== null;
      const chain = s.chain.length > 1 ? ` through ${s.chain.slice(1).map((c) => c.text).join(' → ')}` : '';
      const declared = s.chain[0];
      const image = images.get(declared.path);
      if (!omitted && (image !== undefined || COMPOSE_FILE.test(declared.path))) {
        ctx.report({
          messageId: 'imageDevServer',
          data: { path: declared.path, line: declared.line, instruction: declared.text, what: image !== undefined ? `image (${image})` : 'compose service', command: hit.shown, tool: hit.server.bin, does: hit.server.does, chain },
          severity: 'high',
          location: { path: declared.path, line: declared.line, snippet: declared.text },
          evidence: s.chain.map((c) => ({ kind: 'file' as const, path: c.path, line: c.line, snippet: c.text })),
        });
        continue;
      }
      ctx.report({
        messageId: omitted ? 'devServerOmitted' : 'devServer',
        data: { via: `${s.via} (${s.chain[0].path}:${s.chain[0].line})`, command: hit.shown, tool: hit.server.bin, does: hit.server.does, chain, install: omitted ? `${s.omitsDev!.path}:${s.omitsDev!.line}` : '' },
        severity: omitted ? 'high' : 'medium',
        location: image !== undefined ? { path: declared.path, line: declared.line, snippet: declared.text } : { path: where.path, line: where.line, snippet: where.text },
        evidence: [...s.chain, ...(omitted ? [s.omitsDev!] : [])].map((c) => ({ kind: 'file' as const, path: c.path, line: c.line, snippet: c.text })),
      });
    }
    ctx.pass(`${starts.length} production start command(s) followed through package scripts: ${[...new Set(starts.map((s) => s.via))].join('; ')}`);
  },
});
