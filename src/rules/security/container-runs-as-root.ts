import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { commandsOf, imageDefaultUser, isRootUser, PRIVILEGE_DROPPERS } from '../../knowledge/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { composeFilesOf } from '../shared/compose.js';
import { assignmentsOf } from '../shared/dockerfiles.js';
import { finalInstructions, productionImages, type ProductionImage } from '../shared/production-image.js';

type User = { kind: 'root'; path: string; line: number; text: string; how: string } | { kind: 'other'; why: string } | { kind: 'unknown'; why: string };

/** The user the final stage runs as: its last USER (inherited through the stages it derives from), else the base image's default. */
function userOf(img: ProductionImage): User {
  const ins = finalInstructions(img.image);
  const env = new Map<string, string>();
  let user: { value: string; line: number; text: string } | null = null;
  for (const i of ins) {
    if (i.keyword === 'ARG' || i.keyword === 'ENV') for (const a of assignmentsOf(i.args)) if (a.value !== null) env.set(a.key, a.value);
    if (i.keyword === 'USER') user = { value: i.args.trim().replace(/\$\{?(\w+)\}?/g, (m, k: string) => env.get(k) ?? m), line: i.line, text: `USER ${i.args}` };
  }
  const final = img.image.chain[img.image.chain.length - 1];
  if (user) {
    if (user.value.includes('$')) return { kind: 'unknown', why: `${img.path}:${user.line} sets the user from a build argument with no default (${user.text})` };
    return isRootUser(user.value) ? { kind: 'root', path: img.path, line: user.line, text: user.text, how: 'sets USER to root' } : { kind: 'other', why: `${img.path}:${user.line} ${user.text}` };
  }
  const known = imageDefaultUser(img.image.base);
  if (!known) return { kind: 'unknown', why: `${img.path}: no USER, and verdict does not know the default user of ${img.image.base}` };
  if (!known.root) return { kind: 'other', why: `${img.image.base} runs as ${known.user} by default` };
  return { kind: 'root', path: img.path, line: final.line, text: `FROM ${final.base}`, how: `has no USER instruction, and ${img.image.base} runs as root by default` };
}

/** The start drops to another user (`gosu node`, `su-exec app`), in the CMD/ENTRYPOINT or the entrypoint script it runs. */
function dropsPrivileges(ctx: RepoRuleContext, img: ProductionImage): string | null {
  const starts = finalInstructions(img.image).filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const drops = (text: string) => commandsOf(text.replace(/[[\]",]/g, ' ')).some((w) => w.some((x) => PRIVILEGE_DROPPERS.includes(posix.basename(x))));
  for (const s of starts) {
    if (drops(s.args)) return `${img.path}:${s.line}`;
    const script = s.args.replace(/[[\]",]/g, ' ').split(/\s+/).find((w) => /\.sh$/.test(w));
    if (!script) continue;
    const name = posix.basename(script);
    const doc = [...ctx.documents.keys()].find((p) => posix.basename(p) === name && (p.startsWith(img.context === '.' ? '' : `${img.context}/`)));
    if (doc && drops(ctx.documents.get(doc)!)) return doc;
  }
  return null;
}

/** Where the deployment sets the user at run time: a production compose `user:`, a Kubernetes securityContext. */
function runtimeUser(ctx: RepoRuleContext): string | null {
  for (const file of composeFilesOf(ctx)) {
    if (file.purpose !== 'production') continue;
    for (const s of file.services) if (s.build && s.user && !isRootUser(s.user.value)) return `${file.path}:${s.user.line} (service ${s.name} user: ${s.user.value})`;
  }
  for (const [path, text] of ctx.documents) {
    if (!/\.ya?ml$/.test(path) || !/securityContext/.test(text) || !['service', 'config'].includes(ctx.layout.roles.of(path))) continue;
    try {
      for (const raw of text.split(/^---\s*$/m)) {
        const found = JSON.stringify(parseYaml(raw) ?? null);
        if (/"runAsNonRoot":true/.test(found) || /"runAsUser":[1-9]/.test(found)) return `${path} (Kubernetes securityContext)`;
      }
    } catch {
      // Not YAML verdict can read.
    }
  }
  return null;
}

export default defineRepoRule({
  id: 'security/container-runs-as-root',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'The production image runs its process as root',
    rationale: 'A process running as root inside the container turns any code execution bug into root in the container: it can rewrite the application, read every mounted secret, and is one kernel or runtime flaw away from the host.',
    remediation: { text: 'Add `USER node` (the official node images ship that user) or another unprivileged user in the final stage, after the files are copied with `COPY --chown=node:node`; or use a `:nonroot` distroless image.', effort: 'low' },
    messages: {
      root: '{{path}}:{{line}} `{{instruction}}`: the production image ({{why}}) {{how}}, so the service runs as root',
    },
  },
  check(ctx) {
    const decision = productionImages(ctx);
    if (decision.candidates.length === 0) return ctx.notApplicable('no release Dockerfile');
    const said: string[] = [];
    const unknown: string[] = decision.undecided.map((p) => `${p}: not known to be the production image or not (no deploy configuration or CI job names it, and it is not the only one)`);
    for (const img of decision.images) {
      const user = userOf(img);
      if (user.kind === 'unknown') { unknown.push(user.why); continue; }
      if (user.kind === 'other') { said.push(`${img.path}: ${user.why}`); continue; }
      const dropped = dropsPrivileges(ctx, img);
      if (dropped) { said.push(`${img.path}: starts as root and drops to another user (${dropped})`); continue; }
      const runtime = runtimeUser(ctx);
      if (runtime) { said.push(`${img.path}: the deployment sets a non-root user at run time, ${runtime}`); continue; }
      ctx.report({
        messageId: 'root',
        data: { path: user.path, line: user.line, instruction: user.text, why: img.why, how: user.how },
        location: { path: user.path, line: user.line, snippet: user.text },
        evidence: [{ kind: 'note', text: `${img.path} is the production image: ${img.why}` }],
      });
    }
    if (unknown.length > 0) ctx.unknown(`the user of ${unknown.length} image(s) is not known: ${unknown.slice(0, 4).join('; ')}${said.length ? `; ${said.join('; ')}` : ''}`);
    else ctx.pass(said.length > 0 ? said.join('; ') : `${decision.images.length} production image(s) read`);
  },
});
