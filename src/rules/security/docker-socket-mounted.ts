import { defineRepoRule } from '../api.js';
import { composeFilesOf, unreadComposeFiles } from '../shared/compose.js';

/** The Docker daemon's socket, as hosts mount it (`/run/docker.sock` is the same file on most hosts). */
const DOCKER_SOCKET = /^\/(var\/)?run\/docker\.sock$/;

export default defineRepoRule({
  id: 'security/docker-socket-mounted',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'A service mounts the Docker socket',
    rationale: 'Whoever can talk to the Docker socket can start a privileged container with the host\'s filesystem mounted: a service that mounts it gives anyone who compromises that service root on the host. A read-only mount (`:ro`) does not help, the API calls go through anyway.',
    remediation: { text: 'Do not mount `/var/run/docker.sock` into application services; where a tool needs the Docker API (a reverse proxy reading labels), put a socket proxy that allows only the read calls it needs in between, and keep that off the public network.', effort: 'medium' },
    messages: {
      mounted: '{{file}}:{{line}} `{{volume}}`: service "{{service}}" ({{image}}) mounts the Docker socket ({{purpose}}): the container controls the host',
    },
  },
  check(ctx) {
    const files = composeFilesOf(ctx);
    const unread = unreadComposeFiles(ctx);
    if (files.length === 0 && unread.length === 0) return ctx.notApplicable('no compose file');
    let judged = 0;
    // A socket path given by a variable with no default (`${SOCKET}:/var/run/docker.sock`): what is mounted is not known.
    const unset: string[] = [];
    let reported = 0;
    for (const file of files) {
      // A compose file named for development runs on a laptop: the socket there is the developer's own.
      if (file.purpose === 'development') continue;
      judged++;
      for (const s of file.services) {
        for (const v of s.volumes) {
          if (!DOCKER_SOCKET.test(v.source)) {
            if (v.source.includes('${') && DOCKER_SOCKET.test(v.target)) unset.push(`${file.path}:${v.line} \`${v.text}\``);
            continue;
          }
          const prod = file.purpose === 'production';
          reported++;
          ctx.report({
            messageId: 'mounted',
            data: { file: file.path, line: v.line, volume: v.text, service: s.name, image: s.image ?? (s.build ? 'built from the repository' : 'no image named'), purpose: prod ? `production: ${file.why}` : `not known to be production: ${file.why}` },
            severity: prod ? 'high' : 'medium',
            location: { path: file.path, line: v.line, snippet: v.text },
          });
        }
      }
    }
    if (unset.length > 0 && reported === 0) return ctx.unknown(`mounted at the Docker socket's path from a variable with no default, so what is mounted is not known: ${unset.slice(0, 5).join(', ')}`);
    if (unread.length > 0) ctx.unknown(`${unread.length} compose file(s) verdict could not parse: ${unread.slice(0, 5).join(', ')}`);
    else ctx.pass(`${judged} compose file(s) outside development read for Docker socket mounts`);
  },
});
