// What a CI step that deploys looks like: the platform CLIs, deploy hooks and actions that put a new
// version in front of users, and the commands that start new containers or processes on a host (after
// which a migration runs against a database the new code already uses). A step is a deploy when one of
// these says so; a dry run (`wrangler deploy --dry-run`) is not.

export interface DeployCommand {
  name: string;
  /** Matches a shell command line (a `run:` block, a script) that deploys. */
  command: RegExp;
  example: string;
  source: string;
}

export interface DeployAction {
  name: string;
  /** The `uses:` value without its `@ref`, or a prefix ending in `/` or `-`. */
  action: string;
  example: string;
  source: string;
}

export const DEPLOY_COMMANDS: readonly DeployCommand[] = [
  { name: 'Cloudflare wrangler', command: /\bwrangler\s+(pages\s+)?(deploy|publish)\b(?![^\n]*--dry-run)/, example: 'npx wrangler deploy --env production', source: 'https://developers.cloudflare.com/workers/wrangler/commands/#deploy' },
  { name: 'Vercel CLI', command: /(?:^|[\s;&|"'])vercel(?:\s[^\n]*)?\s(?:--prod\b|deploy\b)/m, example: 'vercel deploy --prod --token=$VERCEL_TOKEN', source: 'https://vercel.com/docs/cli/deploy' },
  { name: 'Fly.io', command: /\b(fly|flyctl)\s+deploy\b/, example: 'flyctl deploy --remote-only', source: 'https://fly.io/docs/flyctl/deploy/' },
  { name: 'kubectl', command: /\bkubectl\s+(apply|rollout\s+restart|set\s+image)\b/, example: 'kubectl apply -f k8s/', source: 'https://kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/' },
  { name: 'Helm', command: /\bhelm\s+(upgrade|install)\b/, example: 'helm upgrade --install api ./chart', source: 'https://helm.sh/docs/helm/helm_upgrade/' },
  { name: 'Serverless Framework', command: /\b(serverless|sls)\s+deploy\b/, example: 'npx serverless deploy --stage prod', source: 'https://www.serverless.com/framework/docs/providers/aws/cli-reference/deploy' },
  { name: 'Netlify CLI', command: /\bnetlify\s+deploy\b/, example: 'netlify deploy --prod', source: 'https://cli.netlify.com/commands/deploy/' },
  { name: 'Railway CLI', command: /\brailway\s+(up|deploy)\b/, example: 'railway up --service api', source: 'https://docs.railway.com/guides/cli#deploying-your-project' },
  { name: 'Google Cloud', command: /\bgcloud\s+(run|app|functions)\s+deploy\b/, example: 'gcloud run deploy api --image $IMAGE', source: 'https://cloud.google.com/sdk/gcloud/reference/run/deploy' },
  { name: 'AWS ECS', command: /\baws\s+ecs\s+update-service\b/, example: 'aws ecs update-service --cluster c --service api --force-new-deployment', source: 'https://docs.aws.amazon.com/cli/latest/reference/ecs/update-service.html' },
  { name: 'AWS CDK', command: /\bcdk\s+deploy\b/, example: 'npx cdk deploy --require-approval never', source: 'https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-deploy.html' },
  { name: 'Terraform', command: /\bterraform\s+apply\b/, example: 'terraform apply -auto-approve', source: 'https://developer.hashicorp.com/terraform/cli/commands/apply' },
  { name: 'Pulumi', command: /\bpulumi\s+up\b/, example: 'pulumi up --yes', source: 'https://www.pulumi.com/docs/iac/cli/commands/pulumi_up/' },
  { name: 'Heroku', command: /\bheroku\s+(container:release|deploy)\b/, example: 'heroku container:release web -a api', source: 'https://devcenter.heroku.com/articles/container-registry-and-runtime#releasing-an-image' },
  { name: 'a deploy script', command: /(^|[\s/])[\w.-]*deploy[\w-]*\.sh\b/m, example: './scripts/deploy.sh production', source: 'a shell script named for deploying' },
  { name: 'Render deploy hook', command: /\bapi\.render\.com\/deploy\/|\$\{\{\s*secrets\.RENDER_DEPLOY_HOOK/i, example: 'curl -fsS -X POST "https://api.render.com/deploy/srv-abc?key=${{ secrets.RENDER_KEY }}"', source: 'https://render.com/docs/deploy-hooks' },
  { name: 'Vercel deploy hook', command: /\bapi\.vercel\.com\/v1\/integrations\/deploy\//, example: 'curl -X POST https://api.vercel.com/v1/integrations/deploy/prj_x/abc', source: 'https://vercel.com/docs/deployments/deploy-hooks' },
  { name: 'Netlify build hook', command: /\bapi\.netlify\.com\/build_hooks\//, example: 'curl -X POST -d {} https://api.netlify.com/build_hooks/abc123', source: 'https://docs.netlify.com/configure-builds/build-hooks/' },
  { name: 'a deploy hook held in a secret', command: /\bcurl\b[^\n]*\$\{\{\s*secrets\.[\w]*DEPLOY_HOOK[\w]*\s*\}\}/i, example: 'curl -X POST ${{ secrets.DEPLOY_HOOK_URL }}', source: 'deploy hooks are URLs kept secret because calling one deploys (Render, Vercel, Netlify docs above)' },
  { name: 'ssh to a host that pulls or restarts', command: /\bssh\b[^\n]*\b(docker(-compose|\s+compose)?\s+(pull|up|stack\s+deploy)|git\s+pull|pm2\s+(reload|restart|start)|systemctl\s+restart)\b/, example: 'ssh deploy@$HOST "cd /srv/api && docker compose pull && docker compose up -d"', source: 'https://docs.docker.com/reference/cli/docker/compose/up/ (a remote `up` after `pull` replaces the running containers)' },
  { name: 'rsync to a remote host', command: /\brsync\b[^\n]*\s[\w.$@{}-]+@[\w.${}-]+:\S*/, example: 'rsync -az --delete dist/ deploy@$HOST:/srv/api/', source: 'https://download.samba.org/pub/rsync/rsync.1 (a `user@host:path` destination copies to the remote host)' },
];

export const DEPLOY_ACTIONS: readonly DeployAction[] = [
  { name: 'Cloudflare wrangler', action: 'cloudflare/wrangler-action', example: 'cloudflare/wrangler-action@v3', source: 'https://github.com/cloudflare/wrangler-action' },
  { name: 'Cloudflare Pages', action: 'cloudflare/pages-action', example: 'cloudflare/pages-action@v1', source: 'https://github.com/cloudflare/pages-action' },
  { name: 'Vercel', action: 'amondnet/vercel-action', example: 'amondnet/vercel-action@v25', source: 'https://github.com/amondnet/vercel-action' },
  // Only the root action runs a flyctl command; `superfly/flyctl-actions/setup-flyctl` installs the CLI.
  { name: 'Fly.io', action: 'superfly/flyctl-actions', example: 'superfly/flyctl-actions@1.5', source: 'https://github.com/superfly/flyctl-actions' },
  { name: 'AWS ECS', action: 'aws-actions/amazon-ecs-deploy', example: 'aws-actions/amazon-ecs-deploy-task-definition@v1', source: 'https://github.com/aws-actions/amazon-ecs-deploy-task-definition' },
  { name: 'Google Cloud', action: 'google-github-actions/deploy-', example: 'google-github-actions/deploy-cloudrun@v2', source: 'https://github.com/google-github-actions/deploy-cloudrun' },
  { name: 'Azure Web Apps', action: 'azure/webapps-deploy', example: 'azure/webapps-deploy@v3', source: 'https://github.com/Azure/webapps-deploy' },
  { name: 'Azure Kubernetes', action: 'azure/k8s-deploy', example: 'azure/k8s-deploy@v5', source: 'https://github.com/Azure/k8s-deploy' },
  { name: 'Azure Functions', action: 'azure/functions-action', example: 'azure/functions-action@v1', source: 'https://github.com/Azure/functions-action' },
  { name: 'Netlify', action: 'netlify/actions', example: 'netlify/actions/cli@master', source: 'https://github.com/netlify/actions' },
  { name: 'ssh', action: 'appleboy/ssh-action', example: 'appleboy/ssh-action@v1.0.3', source: 'https://github.com/appleboy/ssh-action (runs the `script:` input on the remote host)' },
  { name: 'scp', action: 'appleboy/scp-action', example: 'appleboy/scp-action@v0.1.7', source: 'https://github.com/appleboy/scp-action (copies files to the remote host)' },
  { name: 'ssh deploy', action: 'easingthemes/ssh-deploy', example: 'easingthemes/ssh-deploy@v5', source: 'https://github.com/easingthemes/ssh-deploy' },
  { name: 'rsync deploy', action: 'burnett01/rsync-deployments', example: 'burnett01/rsync-deployments@7.0.1', source: 'https://github.com/Burnett01/rsync-deployments' },
  { name: 'Render', action: 'johnbeynon/render-deploy-action', example: 'johnbeynon/render-deploy-action@v0.0.8', source: 'https://github.com/JohnBeynon/render-deploy-action' },
  { name: 'Heroku', action: 'akhileshns/heroku-deploy', example: 'akhileshns/heroku-deploy@v3.13.15', source: 'https://github.com/AkhileshNS/heroku-deploy' },
  { name: 'Railway', action: 'bervproject/railway-deploy', example: 'bervproject/railway-deploy@main', source: 'https://github.com/bervProject/railway-deploy' },
];

/** The deploy a shell command line performs, or null. */
export function deployCommandOf(line: string): DeployCommand | null {
  return DEPLOY_COMMANDS.find((d) => d.command.test(line)) ?? null;
}

/** The deploy a `uses:` action performs, or null. */
export function deployActionOf(uses: string): DeployAction | null {
  const name = uses.split('@')[0].toLowerCase();
  if (/\/setup-[\w-]+$/.test(name)) return null; // an action that installs a CLI deploys nothing by itself
  return DEPLOY_ACTIONS.find((a) => (/[/-]$/.test(a.action) ? name.startsWith(a.action) : name === a.action || name.startsWith(`${a.action}/`) || name.startsWith(`${a.action}-`))) ?? null;
}

/**
 * Commands that start new containers or processes of the service on a host: once one has run, the new
 * code is serving, so a migration after it runs against a schema the code already expects.
 */
export const SERVICE_STARTS: ReadonlyArray<{ name: string; command: RegExp; example: string }> = [
  { name: 'docker compose up', command: /\bdocker(-compose|\s+compose)\b[^\n;&|]*\bup\b/, example: 'docker compose up -d --build' },
  { name: 'docker run', command: /\bdocker\s+run\b[^\n;&|]*\s(-d|--detach)\b/, example: 'docker run -d --name api api:latest' },
  { name: 'docker stack deploy', command: /\bdocker\s+stack\s+deploy\b/, example: 'docker stack deploy -c stack.yml api' },
  { name: 'pm2', command: /\bpm2\s+(reload|restart|start)\b/, example: 'pm2 reload ecosystem.config.js' },
  { name: 'systemctl', command: /\bsystemctl\s+restart\b/, example: 'sudo systemctl restart api' },
];

/** Commands that apply pending migrations to the database. */
export const MIGRATION_COMMANDS: ReadonlyArray<{ name: string; command: RegExp; example: string }> = [
  { name: 'prisma migrate deploy', command: /\bprisma\s+migrate\s+deploy\b/, example: 'npx prisma migrate deploy' },
  { name: 'knex migrate:latest', command: /\bknex\s+migrate:latest\b/, example: 'npx knex migrate:latest' },
  { name: 'typeorm migration:run', command: /\btypeorm(-ts-node-\w+)?\s+migration:run\b/, example: 'npx typeorm migration:run -d dist/data-source.js' },
  { name: 'sequelize db:migrate', command: /\bsequelize(-cli)?\s+db:migrate\b(?!:undo)/, example: 'npx sequelize-cli db:migrate' },
  { name: 'drizzle-kit migrate', command: /\bdrizzle-kit\s+migrate\b/, example: 'npx drizzle-kit migrate' },
  { name: 'node-pg-migrate', command: /\bnode-pg-migrate\s+up\b/, example: 'npx node-pg-migrate up' },
  { name: 'a migrate script', command: /\b(npm\s+run|pnpm(\s+run)?|yarn(\s+run)?|bun\s+run)\s+(db:)?migrat(e|ion)(:deploy|:up|:run|:latest)?\b/, example: 'npm run migrate' },
];

/** The first service start and the first migration command of a line, by name; null each when none. */
export function serviceStartOf(line: string): string | null {
  return SERVICE_STARTS.find((s) => s.command.test(line))?.name ?? null;
}
export function migrationCommandOf(line: string): string | null {
  return MIGRATION_COMMANDS.find((m) => m.command.test(line))?.name ?? null;
}
