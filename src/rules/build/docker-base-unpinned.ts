import { DOCKERFILE } from '../shared/dockerfiles.js';
import { defineRepoRule } from '../api.js';

interface From {
  line: number;
  image: string;
  stage: string | null;
}

/** A Dockerfile's FROM instructions (continuation lines joined), with the stage each names. */
function fromsOf(text: string): From[] {
  const out: From[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i].trim().split(/\s+/);
    if (words[0]?.toUpperCase() !== 'FROM') continue;
    const args = words.slice(1).filter((w) => !w.startsWith('--'));
    if (!args[0]) continue;
    const as = args.findIndex((w) => w.toUpperCase() === 'AS');
    out.push({ line: i + 1, image: args[0], stage: as > 0 ? (args[as + 1] ?? null) : null });
  }
  return out;
}

/**
 * Whether an image reference floats: no version number in its tag nor in its name (`node`,
 * `node:latest`, `node:alpine`, `node:lts`); a digest pins it whatever the tag says. A name that
 * carries the version (`distroless/nodejs22-debian12`) is pinned to that version.
 */
function floats(image: string): string | null {
  if (image.includes('@sha256:')) return null;
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  const name = image.slice(slash + 1, colon < 0 ? undefined : colon);
  const tag = colon < 0 ? null : image.slice(colon + 1);
  if (/\d/.test(name) || (tag !== null && /\d/.test(tag))) return null;
  if (tag === null) return 'no tag (latest)';
  return tag === 'latest' ? 'the latest tag' : `the tag "${tag}", which names no version`;
}

export default defineRepoRule({
  id: 'build/docker-base-unpinned',
  meta: {
    category: 'build',
    severity: 'low',
    title: 'Docker base image not pinned to a version',
    rationale: 'A base image without a version (`node:alpine`, `node`, `node:latest`) is whatever was newest when the image was built: a new Node major, or a new Alpine, arrives with an ordinary rebuild, untested.',
    remediation: { text: 'Pin the base image to a major (or exact) version, `node:22-alpine`, and a digest for reproducible builds; upgrade it on purpose.', effort: 'low' },
    messages: {
      unpinned: 'Base image {{image}} has {{why}}: every build may bring another Node or OS version',
    },
  },
  check(ctx) {
    const files = [...ctx.documents.keys()].filter((p) => DOCKERFILE.test(p));
    if (files.length === 0) return ctx.notApplicable('no Dockerfile');
    for (const path of files) {
      const froms = fromsOf(ctx.documents.get(path) ?? '');
      const stages = new Set(froms.map((f) => f.stage?.toLowerCase()).filter(Boolean));
      for (const f of froms) {
        // A build stage of the same file, a build argument, or the empty image: nothing to pin here.
        if (stages.has(f.image.toLowerCase()) || f.image.includes('$') || f.image === 'scratch') continue;
        const why = floats(f.image);
        if (why) ctx.report({ messageId: 'unpinned', data: { image: f.image, why }, location: { path, line: f.line } });
      }
    }
    ctx.pass(`${files.length} Dockerfile(s) read`);
  },
});
