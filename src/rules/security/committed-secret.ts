import { isEnvTemplate, isLoopbackHost, managedDatastoreOf } from '../../knowledge/index.js';
import { mask } from '../../util/redact.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';

const LABELS: Record<string, string> = {
  'verdict/aws-access-key-id': 'AWS access key id',
  'verdict/assigned-secret': 'high-entropy value assigned to a secret-named key',
  'verdict/session-cookie': 'browser session cookie',
};

/** A readable name for a detector: `secretlint/github:CLASSIC_GITHUB_TOKEN` -> "github token (secretlint: github)". */
function label(detector: string, name: string | null): string {
  const own = LABELS[detector];
  if (own) return name ? `${own} \`${name}\`` : own;
  const [rule, id] = detector.replace('secretlint/', '').split(':');
  const words = (id ?? rule).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return `${words} (secretlint rule ${rule})`;
}

export default defineRepoRule({
  id: 'security/committed-secret',
  meta: {
    category: 'security',
    severity: 'critical',
    blocking: true,
    needsSecretScan: true,
    title: 'Secret committed to the repository',
    rationale: 'A credential in the repository is readable by everyone with access to it, and stays in its history after deletion.',
    remediation: {
      text: 'Revoke and rotate the credential now, then load it from the environment or a secret manager; removing the line does not remove it from git history.',
      effort: 'medium',
    },
    messages: {
      secret: '{{what}}: {{masked}}',
      fixtureKey: '{{what}}: {{masked}} (among {{role}} files: confirm it is a throwaway key, used nowhere else)',
      urlPassword: '{{scheme}} URL with its password for {{host}}: {{masked}}',
      cloudUrlPassword: '{{scheme}} URL with its password for {{host}}, a {{provider}} host reachable from the internet: {{masked}}',
    },
  },
  check(ctx) {
    const scan = ctx.secretScan;
    if (!scan) {
      ctx.unknown('the secrets scan did not run');
      return;
    }
    const devKeys: string[] = [];
    const expired: string[] = [];
    const templates: string[] = [];
    for (const hit of scan.hits) {
      for (const v of [hit.value, ...hit.related]) ctx.registerSecret(v);
      // The key of a self-signed certificate issued only to loopback names (localhost, 127.0.0.1)
      // serves a local development server: nothing deployed trusts it, so it opens nothing. It is
      // named in the pass, not reported as a leak.
      // A token that carries its own expiry and is past it opens nothing: no server accepts it.
      if (hit.jwt?.exp != null && hit.jwt.exp * 1000 < Date.now()) {
        expired.push(`${hit.path}:${hit.line} (expired ${new Date(hit.jwt.exp * 1000).toISOString().slice(0, 10)})`);
        continue;
      }
      const cert = hit.certificate;
      if (cert?.selfSigned && cert.names.length > 0 && cert.names.every(isLoopbackHost)) {
        devKeys.push(`${hit.path}:${hit.line} (certificate ${cert.path}, issued to ${cert.names.join(', ')})`);
        continue;
      }
      // A private key among a test's or an example's files is most often a throwaway key made for
      // that test (a test folder's certs/redis.key): high, and the rule still blocks until it is
      // confirmed and waived. A provider token there stays critical: it is
      // shaped like a live one.
      if (hit.url) {
        // A managed cloud database answers anyone on the internet who has its password: critical. Another
        // host may be private to the deployment's network: high, still to be rotated.
        const managed = managedDatastoreOf(hit.url.host);
        ctx.report({
          severity: managed ? 'critical' : 'high', everywhere: true,
          messageId: managed ? 'cloudUrlPassword' : 'urlPassword',
          data: { scheme: hit.url.scheme, host: hit.url.host, provider: managed?.provider ?? '', masked: mask(hit.value) },
          location: { path: hit.path, line: hit.line, column: hit.column, snippet: hit.snippet },
          evidence: [{ kind: 'note', text: `detected by ${hit.detector}: the URL parsed, its password is no placeholder and its host is neither this machine nor a container of the same Compose file` }],
        });
        continue;
      }
      // A generic secret-named value (no provider's shape) in an env template (knowledge/environment
      // ENV_TEMPLATE_NAMES) is what the template tells a deployment to set, most often a made-up string:
      // security/committed-env-file asks for it to be confirmed. A provider-shaped token there is a leak.
      if (hit.detector === 'verdict/assigned-secret' && isEnvTemplate(hit.path, { loadedToo: false })) {
        templates.push(`${hit.path}:${hit.line}`);
        continue;
      }
      const fixtureKey = /PRIVATE KEY/.test(hit.value) && ['test', 'mock', 'example'].includes(fileRole(hit.path));
      // Anything else the scan reports is shaped like a live credential: a leak wherever it is
      // committed, an archived copy or a test included (the scan already drops placeholders and
      // documented example values).
      ctx.report({
        ...(fixtureKey ? { severity: 'high' as const } : { everywhere: true }),
        messageId: fixtureKey ? 'fixtureKey' : 'secret',
        data: { what: label(hit.detector, hit.name), masked: mask(hit.value), role: fileRole(hit.path) },
        location: { path: hit.path, line: hit.line, column: hit.column, snippet: hit.snippet },
        evidence: [{ kind: 'note', text: `detected by ${hit.detector}` }],
      });
    }
    if (scan.errors.length > 0) {
      ctx.unknown(`${scan.errors.length} flagged file(s) could not be scanned, first ${scan.errors[0].path}: ${scan.errors[0].message}`);
      return;
    }
    const dev = devKeys.length > 0
      ? `; not counted: ${devKeys.length} private key(s) of a self-signed certificate issued only to the local machine, a development key: ${devKeys.join('; ')}`
      : '';
    const old = expired.length > 0 ? `; not counted: ${expired.length} JSON Web Token(s) past their own expiry (exp), no longer credentials: ${expired.join('; ')}` : '';
    const tpl = templates.length > 0 ? `; left to security/committed-env-file: ${templates.length} secret-named value(s) with no provider's shape in env templates: ${templates.slice(0, 5).join(', ')}` : '';
    ctx.pass(`${ctx.layout.files.length} file(s) prefiltered, ${scan.candidateFiles} scanned with secretlint's recommended preset and verdict's detectors${dev}${old}${tpl}`);
  },
});
