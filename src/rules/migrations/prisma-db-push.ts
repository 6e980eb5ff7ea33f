import { defineRepoRule } from '../api.js';
import { plural } from '../shared/migrations.js';

const DB_PUSH = /\bprisma\s+db\s+push\b/;
const DEPLOY_FILE = /(^|\/)(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|Dockerfile[\w.-]*|Procfile|fly\.toml|render\.ya?ml|railway\.(json|toml)|app\.ya?ml|[^/]*(deploy|release|start|entrypoint|migrate)[^/]*\.sh)$/i;
const DEPLOY_SCRIPT = /^(deploy|release|start|build|postinstall|prestart|prebuild|vercel-build|heroku-postbuild)(:.*)?$|prod|migrate:deploy/i;

export default defineRepoRule({
  id: 'migrations/prisma-db-push',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: '`prisma db push` used in a deploy or CI path',
    rationale: '`prisma db push` syncs the schema without migration history and may drop columns or tables to do it (with --accept-data-loss, silently); production schemas should change only through reviewed migrations.',
    remediation: { text: 'Use `prisma migrate deploy` in deploy and CI paths; keep `db push` for local prototyping.', effort: 'low' },
    messages: {
      inScript: '`prisma db push` in the "{{script}}" script: deploys should run `prisma migrate deploy`',
      inFile: '`prisma db push` in {{path}}: deploys should run `prisma migrate deploy`',
    },
  },
  check(ctx) {
    let inspected = 0;
    for (const [path, text] of ctx.documents) {
      const isManifest = /(^|\/)package\.json$/.test(path);
      if (!isManifest && !DEPLOY_FILE.test(path)) continue;
      inspected++;
      if (!DB_PUSH.test(text)) continue;
      const lines = text.split('\n');
      lines.forEach((l, i) => {
        if (!DB_PUSH.test(l) || /^\s*#/.test(l)) return;
        if (isManifest) {
          const name = /^\s*"([^"]+)"\s*:/.exec(l)?.[1] ?? '';
          if (!DEPLOY_SCRIPT.test(name)) return;
        }
        ctx.report({ messageId: isManifest ? 'inScript' : 'inFile', data: { script: /^\s*"([^"]+)"/.exec(l)?.[1] ?? '', path }, location: { path, line: i + 1 } });
      });
    }
    if (inspected === 0) return ctx.notApplicable('no package.json, CI workflow or deploy file');
    ctx.pass(`${plural(inspected, 'deploy/CI file')} and manifests checked for \`prisma db push\``);
  },
});
