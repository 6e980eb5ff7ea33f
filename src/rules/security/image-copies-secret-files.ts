import { posix } from 'node:path';
import { isEnvFile, isEnvTemplate } from '../../knowledge/index.js';
import { globToRegExp } from '../../util/glob.js';
import { TEST_ENV_FILE } from '../../util/secret-patterns.js';
import { defineRepoRule } from '../api.js';
import type { Instruction } from '../shared/dockerfiles.js';
import { finalInstructions, productionImages } from '../shared/production-image.js';

/** `.env`, `.env.production`; not the templates meant to be committed (`.env.example`). */
/** Private keys by their usual names: `server.key`, `id_rsa`, `private-key.pem`, keystores. A `.pem` may be a public certificate: only when named a key. */
const KEY_FILE = /\.(key|p12|pfx|jks|keystore)$|(^|\/)id_(rsa|dsa|ecdsa|ed25519)$|(^|\/)[^/]*(key|private)[^/]*\.pem$/i;

/** COPY/ADD of the whole build context (`COPY . .`, `ADD ./ /app`, `COPY ["." , "/app"]`), not from another stage. */
function copiesContext(ins: Instruction): boolean {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
  let words: string[];
  try {
    words = ins.args.startsWith('[') ? (JSON.parse(ins.args) as unknown[]).map(String) : ins.args.split(/\s+/);
  } catch {
    words = ins.args.split(/\s+/);
  }
  if (words.some((w) => w.startsWith('--from'))) return false;
  const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
  return sources.some((s) => ['.', './', '*', './*'].includes(s));
}

/** Whether a .dockerignore's patterns exclude a path (relative to the context): the last matching pattern decides, `!` re-includes. */
export function dockerIgnores(ignore: string, rel: string): boolean {
  let ignored = false;
  for (const raw of ignore.split(/\r?\n/)) {
    let p = raw.trim();
    if (p === '' || p.startsWith('#')) continue;
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1).trim();
    p = posix.normalize(p.replace(/^\/+/, '')).replace(/\/+$/, '');
    if (p === '.' || p === '') continue;
    const re = globToRegExp(p);
    // A pattern that names a folder excludes everything under it.
    const parts = rel.split('/');
    const hit = parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')));
    if (hit) ignored = !negate;
  }
  return ignored;
}

export default defineRepoRule({
  id: 'security/image-copies-secret-files',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'The production image copies the whole build context, secret files included',
    rationale: '`COPY . .` copies every file of the build context that .dockerignore does not exclude: a `.env` or a private key in the folder ends up in a layer of the image, readable by everyone who can pull it, and stays in the image\'s history even if a later step deletes it.',
    remediation: { text: 'Add a .dockerignore beside the build context that excludes `.env*` (keeping `!.env.example` if needed), `*.key`, `*.pem` and `.git`; better, copy only what the image needs (`COPY package*.json ./`, `COPY src ./src`).', effort: 'low' },
    messages: {
      noIgnore: '{{path}}:{{line}} `{{instruction}}` copies the build context ({{context}}) into the production image with no .dockerignore: {{files}} go into the image',
      notIgnored: '{{path}}:{{line}} `{{instruction}}` copies the build context ({{context}}) into the production image, and {{ignore}} does not exclude {{files}}',
    },
  },
  check(ctx) {
    const decision = productionImages(ctx);
    if (decision.candidates.length === 0) return ctx.notApplicable('no release Dockerfile');
    const said: string[] = [];
    for (const img of decision.images) {
      const copy = finalInstructions(img.image).find(copiesContext);
      if (!copy) { said.push(`${img.path}: copies named files only`); continue; }
      const prefix = img.context === '.' ? '' : `${img.context}/`;
      const secrets = ctx.layout.files.map((f) => f.path).filter((p) => p.startsWith(prefix)
        && ((isEnvFile(p) && !isEnvTemplate(p) && !TEST_ENV_FILE.test(p)) || KEY_FILE.test(p))
        && !['test', 'mock', 'example', 'vendored', 'generated'].includes(ctx.layout.roles.of(p)));
      // BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first, else the context's .dockerignore.
      const ignorePath = [`${img.path}.dockerignore`, `${prefix}.dockerignore`].find((p) => ctx.documents.has(p)) ?? null;
      const ignore = ignorePath ? ctx.documents.get(ignorePath)! : null;
      const copied = secrets.filter((p) => ignore === null || !dockerIgnores(ignore, p.slice(prefix.length)));
      if (copied.length === 0) { said.push(`${img.path}: ${secrets.length === 0 ? 'no .env or key file in the build context' : `${ignorePath} excludes ${secrets.length} secret file(s)`}`); continue; }
      const instruction = `${copy.keyword} ${copy.args}`;
      const files = copied.slice(0, 4).join(', ') + (copied.length > 4 ? ` and ${copied.length - 4} more` : '');
      ctx.report({
        messageId: ignore === null ? 'noIgnore' : 'notIgnored',
        data: { path: img.path, line: copy.line, instruction, context: img.context === '.' ? 'the repository root' : `${img.context}/`, files, ignore: ignorePath ?? '' },
        location: { path: img.path, line: copy.line, snippet: instruction },
        evidence: [
          { kind: 'note', text: `${img.path} is the production image: ${img.why}` },
          ...copied.slice(0, 4).map((p) => ({ kind: 'file' as const, path: p, line: 1, snippet: 'copied into the image' })),
        ],
      });
    }
    if (decision.undecided.length > 0) ctx.unknown(`not known which image ships: ${decision.undecided.join(', ')}${said.length ? `; ${said.join('; ')}` : ''}`);
    else ctx.pass(said.join('; ') || `${decision.images.length} production image(s) read`);
  },
});
