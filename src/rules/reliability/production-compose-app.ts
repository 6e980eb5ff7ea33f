import { defineRepoRule } from '../api.js';
import { composeFilesOf, unreadComposeFiles } from '../shared/compose.js';

export default defineRepoRule({
  id: 'reliability/production-compose-app',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'The application service of a production compose file is not set up to run in production',
    rationale: 'Without a restart policy a crash or a host reboot leaves the service down until someone starts it by hand; `NODE_ENV=development` turns on development behaviour in Express and most libraries (stack traces in responses, no view cache, verbose logging).',
    remediation: { text: 'Give the application service `restart: unless-stopped` (or `deploy.restart_policy`), and set `NODE_ENV=production`.', effort: 'low' },
    messages: {
      noRestart: 'Service "{{service}}" of {{file}} (production: {{why}}) has no restart policy: after a crash or a reboot it stays down',
      restartNo: 'Service "{{service}}" of {{file}} (production: {{why}}) sets `restart: no`: after a crash or a reboot it stays down',
      devEnvironment: 'Service "{{service}}" of {{file}} (production: {{why}}) runs with NODE_ENV={{value}}',
    },
  },
  check(ctx) {
    const files = composeFilesOf(ctx).filter((f) => f.purpose === 'production');
    // A compose file that does not parse may be the production one: what it runs is not known.
    const unread = unreadComposeFiles(ctx);
    if (files.length === 0 && unread.length === 0) return ctx.notApplicable('no compose file known to be the production one');
    let apps = 0;
    for (const file of files) {
      for (const s of file.services) {
        // The service built from this repository is the application; stock images are its dependencies.
        if (!s.built) continue;
        apps++;
        const data = { service: s.name, file: file.path, why: file.why };
        if (!s.deployRestart && (s.restart === null || s.restart.value === 'no')) {
          ctx.report({ messageId: s.restart ? 'restartNo' : 'noRestart', data, location: { path: file.path, line: s.restart?.line ?? s.line } });
        }
        const env = s.environment.find((e) => e.key === 'NODE_ENV');
        if (env?.value && /^dev(elopment)?$/i.test(env.value)) {
          ctx.report({ messageId: 'devEnvironment', data: { ...data, value: env.value }, location: { path: file.path, line: env.line } });
        }
      }
    }
    if (unread.length > 0) return ctx.unknown(`${unread.length} compose file(s) verdict could not parse (or with no services map), so whether one is a production file that runs the application is unknown: ${unread.slice(0, 5).join(', ')}`);
    ctx.pass(`${apps} application service(s) in ${files.length} production compose file(s)`);
  },
});
