import { isEnvFile, isEnvTemplate } from '../../knowledge/index.js';
import { mask } from '../../util/redact.js';
import { isPlaceholder, isRealUrlPassword, TEST_ENV_FILE } from '../../util/secret-patterns.js';
import { defineRepoRule } from '../api.js';

/** `.env`, `.env.local`, `.env.production`, ... but not the templates meant to be committed. */
const SECRET_KEY = /SECRET|TOKEN|PASSW(?:OR)?D|PASSWD|PWD|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|SIGNING|ENCRYPTION|_KEY$|DATABASE_URL|_DSN$|CONNECTION_STRING/i;
const LINE = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/;

function unquote(v: string): string {
  const t = v.replace(/\s+#.*$/, '').trim();
  const q = /^(["'`])(.*)\1$/.exec(t);
  return q ? q[2] : t;
}

export default defineRepoRule({
  id: 'security/committed-env-file',
  meta: {
    category: 'security',
    severity: 'critical',
    needsSecretScan: true,
    title: 'Environment file committed',
    rationale: 'A `.env` file holds the environment of one machine, usually with its credentials; committed, it gives them to everyone with access to the repository.',
    remediation: {
      text: 'Remove the file from the repository (`git rm --cached .env`), add it to .gitignore, rotate every secret it held, and commit a `.env.example` with placeholder values instead.',
      effort: 'low',
    },
    messages: {
      secrets: '{{path}} is not ignored and holds {{count}} secret-named value(s): {{values}}',
      secretsInTestEnv: '{{path}} is not ignored and holds {{count}} secret-named value(s): {{values}} (a test environment file: check they are test-only values)',
      notIgnored: '{{path}} is not ignored by .gitignore (no secret-named values in it)',
      templateValue: '{{path}} is an env template meant to be committed, and {{key}} holds a value that looks generated ({{masked}}): confirm it is made up, not copied from a real environment',
    },
  },
  check(ctx) {
    // Secret-named values with no provider's shape that the scan found in env templates
    // (knowledge/environment ENV_TEMPLATE_NAMES): committed-secret leaves them here. Most are made-up
    // strings a template shows; one copied from a real .env is a leak, so each is to be confirmed.
    for (const hit of ctx.secretScan?.hits ?? []) {
      if (hit.detector !== 'verdict/assigned-secret' || !isEnvTemplate(hit.path, { loadedToo: false })) continue;
      ctx.registerSecret(hit.value);
      ctx.report({
        messageId: 'templateValue',
        severity: 'medium',
        data: { path: hit.path, key: hit.name ?? 'a secret-named key', masked: mask(hit.value) },
        location: { path: hit.path, line: hit.line, column: hit.column, snippet: hit.snippet },
        evidence: [{ kind: 'note', text: `detected by ${hit.detector}: a high-entropy value, not a placeholder; ${hit.path} is an env template by its name` }],
      });
    }
    const files = ctx.layout.files.map((f) => f.path).filter((p) => isEnvFile(p) && !isEnvTemplate(p));
    if (files.length === 0) {
      ctx.pass(`${ctx.layout.files.length} file(s) listed (.gitignore honoured for files git does not track; with no git work tree, for every file), no .env file outside templates (.env.example, .env.sample, .env.template)`);
      return;
    }
    for (const path of files) {
      const text = ctx.documents.get(path) ?? '';
      const secrets: Array<{ key: string; value: string; line: number }> = [];
      // With no secret-named value, the finding points at the first value the file commits, not at a comment.
      let firstValue: number | null = null;
      text.split('\n').forEach((raw, i) => {
        const m = LINE.exec(raw.replace(/\r$/, ''));
        if (m) firstValue ??= i + 1;
        if (!m || !SECRET_KEY.test(m[1])) return;
        const value = unquote(m[2]);
        if (value.length < 6 || isPlaceholder(value) || /^(?:true|false|\d+)$/i.test(value)) return;
        if (/^[a-z][\w+.-]*:\/\//i.test(value)) {
          // A URL is a secret only through a real-looking password for a host other than this machine.
          const pw = /:\/\/[^:/@\s]+:([^@/\s]+)@/.exec(value)?.[1];
          if (!pw || !isRealUrlPassword(value, pw)) return;
        }
        secrets.push({ key: m[1], value, line: i + 1 });
      });
      for (const s of secrets) ctx.registerSecret(s.value);
      const first = secrets[0];
      const testEnv = TEST_ENV_FILE.test(path);
      ctx.report({
        messageId: secrets.length === 0 ? 'notIgnored' : testEnv ? 'secretsInTestEnv' : 'secrets',
        data: { path, count: secrets.length, values: secrets.slice(0, 3).map((s) => `${s.key}=${mask(s.value)}`).join(', ') },
        severity: secrets.length > 0 && !testEnv ? 'critical' : 'low',
        location: { path, line: first?.line ?? firstValue ?? 1 },
        evidence: secrets.slice(1, 6).map((s) => ({ kind: 'file' as const, path, line: s.line, snippet: `${s.key}=${mask(s.value)}` })),
      });
    }
    ctx.pass(`${ctx.layout.files.length} file(s) listed (.gitignore honoured for files git does not track; with no git work tree, for every file)`);
  },
});
