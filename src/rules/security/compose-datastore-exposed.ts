import { datastoreImageOf, type DatastoreImage } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { composeFilesOf, unreadComposeFiles, type ComposeFile, type ComposeService } from '../shared/compose.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** A value written in the file rather than taken from the environment (`${DB_PASSWORD}`, `$DB_PASSWORD`). */
function isLiteral(value: string | null): value is string {
  return value !== null && value !== '' && !value.includes('$');
}

/** How the datastore authenticates, from its environment and command. */
function authOf(service: ComposeService, store: DatastoreImage): { kind: 'literal'; line: number; key: string } | { kind: 'none'; why: string } | { kind: 'external' } {
  for (const off of store.noAuth) {
    const e = service.environment.find((x) => x.key === off.name && x.value?.toLowerCase() === off.value);
    if (e) return { kind: 'none', why: `${off.name}=${off.value}` };
  }
  const password = service.environment.find((x) => store.passwordVars.includes(x.key));
  if (password) return isLiteral(password.value) ? { kind: 'literal', line: password.line, key: password.key } : { kind: 'external' };
  // `redis-server --requirepass secret`, `mongod --auth`: set on the command line.
  const words = service.command?.value.split(/\s+/) ?? [];
  const at = words.findIndex((w) => w === '--requirepass' || w === '--auth');
  if (at >= 0) return words[at] === '--requirepass' && isLiteral(words[at + 1] ?? null) ? { kind: 'literal', line: service.command!.line, key: '--requirepass' } : { kind: 'external' };
  return store.openByDefault ? { kind: 'none', why: 'no password is configured and the image sets none by default' } : { kind: 'external' };
}

export default defineRepoRule({
  id: 'security/compose-datastore-exposed',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'A production compose file publishes a datastore or commits its password',
    rationale: 'A database or Redis port published on every interface of the host is reachable by anyone who can reach the host; with a password written in the committed file, or none at all, it is open to them.',
    remediation: { text: 'Do not publish datastore ports in production (the app reaches them on the compose network), or bind them to 127.0.0.1; take passwords from the environment or secrets (`${POSTGRES_PASSWORD}`), never a literal.', effort: 'low' },
    messages: {
      published: '{{what}} service "{{service}}" publishes {{port}} on every interface of the host in {{file}} ({{purpose}}), {{auth}}',
      literalPassword: '{{what}} service "{{service}}" sets {{key}} to a literal committed in {{file}} ({{purpose}}): whoever reads the repository has the password',
    },
  },
  check(ctx) {
    const files = composeFilesOf(ctx);
    const unread = unreadComposeFiles(ctx);
    if (files.length === 0 && unread.length === 0) return ctx.notApplicable('no compose file');
    let datastores = 0;
    for (const file of files) {
      if (file.purpose === 'development') continue;
      for (const service of file.services) {
        const store = service.image ? datastoreImageOf(service.image) : null;
        if (!store) continue;
        datastores++;
        report(file, service, store);
      }
    }
    const read = files.map((f) => `${f.path} (${f.purpose}: ${f.why})`).join('; ');
    if (unread.length > 0) ctx.unknown(`${unread.length} compose file(s) verdict could not parse (or with no services map), so what they publish is unknown: ${unread.slice(0, 5).join(', ')}`);
    else ctx.pass(`${files.length} compose file(s) read, ${datastores} datastore service(s) outside development files: ${read}`);

    function report(file: ComposeFile, service: ComposeService, store: DatastoreImage): void {
      // A file not known to be the production one is judged, but low: it may only ever run on a laptop.
      const prod = file.purpose === 'production';
      const purpose = prod ? `production: ${file.why}` : `not known to be production: ${file.why}`;
      const auth = authOf(service, store);
      const base = { what: store.what, service: service.name, file: file.path, purpose };
      const evidence = [{ kind: 'note' as const, text: `${file.path} is ${purpose}` }];
      for (const port of service.ports) {
        if (port.hostIp !== null && LOOPBACK.has(port.hostIp.replace(/^\[|\]$/g, ''))) continue;
        const open = auth.kind === 'none' || auth.kind === 'literal';
        const says = auth.kind === 'literal' ? `with the password committed at line ${auth.line}: anyone who reaches the host can log in`
          : auth.kind === 'none' ? `without authentication (${auth.why}): anyone who reaches the host can read and write it`
            : 'reachable from outside the host';
        ctx.report({
          messageId: 'published',
          data: { ...base, port: port.text, auth: says },
          severity: !prod ? 'low' : open ? 'high' : 'medium',
          location: { path: file.path, line: port.line, snippet: port.text },
          evidence,
        });
      }
      if (auth.kind === 'literal') {
        ctx.report({
          messageId: 'literalPassword',
          data: { ...base, key: auth.key },
          severity: prod ? 'medium' : 'low',
          location: { path: file.path, line: auth.line },
          evidence,
        });
      }
    }
  },
});
