// One secret of each kind secretlint's recommended preset detects, plus AWS secret access keys in
// the forms people commit them, generated at run time: nothing secret-shaped is committed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}/+`;
const DIGITS = '0123456789';

function pick(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}
/** Random, with a digit and both cases somewhere, so no placeholder or entropy filter drops it. */
const mixed = (n: number, alphabet = ALNUM) => `a7Q${pick(alphabet, n - 3)}`;

export interface PlantedSecret {
  kind: string;
  /** The secret itself: no 8-character window of it may reach an output. */
  value: string;
  /** Where it is planted in a repository: a file and a line (or the whole file) holding it. */
  file: string;
  text: string;
}

/** The body of a PEM key, one line per 64 characters: each line is a secret of its own. */
export function pemBody(pem: string): string[] {
  return pem.split('\n').filter((l) => l && !l.startsWith('-----'));
}

export function presetSecrets(): PlantedSecret[] {
  const ts = (kind: string, name: string, value: string, around = (v: string) => `'${v}'`): PlantedSecret =>
    ({ kind, value, file: `src/keys/${kind}.ts`, text: `export const ${name} = ${around(value)};\n` });
  const awsSecret = () => mixed(40, B64);
  const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const gcpPem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const opsJson = JSON.stringify({ email: `${pick(LETTERS, 12).toLowerCase()}@1passwordserviceaccounts.com`, secretKey: mixed(30), srpX: pick(HEX, 64) });
  const ops = Buffer.from(opsJson).toString('base64').replace(/=+$/, '');
  const out: PlantedSecret[] = [
    ts('aws-access-key-id', 'AWS_ACCESS_KEY_ID', `AKIA${pick(UPPER, 15)}7`),
    ts('aws-secret-quoted', 'AWS_SECRET_ACCESS_KEY', awsSecret()),
    { kind: 'aws-secret-dotenv', value: '', file: 'deploy/aws.env', text: '' },
    { kind: 'aws-secret-yaml', value: '', file: 'deploy/aws.yml', text: '' },
    { kind: 'gcp-service-account', value: '', file: 'deploy/gcp-service-account.json', text: '' },
    { kind: 'npm-auth-token', value: mixed(36), file: '.npmrc', text: '' },
    ts('npm-access-token', 'NPM', `npm_${mixed(36)}`),
    ts('slack-token', 'SLACK', `xoxb-${pick(DIGITS, 11)}-${pick(DIGITS, 12)}-${mixed(24)}`),
    // The webhook's secret is its path; `https://hooks.slack.com/services/` is public.
    ts('slack-webhook', 'HOOK', `T${mixed(10)}/B${mixed(10)}/${mixed(24)}`, (v) => `'https://hooks.slack.com/services/${v}'`),
    { kind: 'basic-auth', value: mixed(20), file: 'src/keys/basic-auth.ts', text: '' },
    ts('openai', 'OPENAI', `sk-${mixed(20)}T3BlbkFJ${mixed(20)}`),
    ts('anthropic', 'ANTHROPIC', `sk-ant-api03-${mixed(95)}AA`),
    ts('groq', 'GROQ', `gsk_${mixed(52)}`),
    ts('huggingface', 'HF', `hf_${`aQb${pick(LETTERS, 31)}`}`),
    ts('linear', 'LINEAR', `lin_api_${mixed(40)}`),
    ts('notion', 'NOTION', `ntn_${pick(DIGITS, 11)}${mixed(35)}`),
    { kind: 'private-key', value: pem, file: 'certs/server.key', text: pem },
    ts('sendgrid', 'SENDGRID', `SG.${mixed(22)}.${mixed(43)}`),
    ts('shopify', 'SHOPIFY', `shpat_${mixed(32)}`),
    ts('github-classic', 'GH', `ghp_${mixed(36)}`),
    ts('github-fine-grained', 'GH_FINE', `github_pat_${mixed(82)}`),
    ts('gitlab', 'GITLAB', `glpat-${mixed(20)}`),
    ts('grafana-cloud', 'GRAFANA', `glc_${mixed(40)}`),
    ts('grafana-service-account', 'GRAFANA_SA', `glsa_${mixed(32)}_${pick(HEX, 8)}`),
    ts('1password', 'OPS', `ops_${ops}`),
    { kind: 'postgres-url', value: mixed(18), file: 'src/keys/postgres-url.ts', text: '' },
    { kind: 'mysql-url', value: mixed(18), file: 'src/keys/mysql-url.ts', text: '' },
    { kind: 'mongodb-url', value: mixed(18), file: 'src/keys/mongodb-url.ts', text: '' },
    ts('hashicorp-vault', 'VAULT', `hvs.${mixed(95)}`),
    ts('vercel', 'VERCEL', `vcp_${mixed(24)}`),
    ts('databricks', 'DATABRICKS', `dapi${pick(HEX, 31)}7`),
    ts('docker', 'DOCKER', `dckr_pat_${mixed(27)}`),
    ts('figma', 'FIGMA', `figd_${mixed(43)}`),
    ts('stripe-live', 'STRIPE_SECRET_KEY', `sk_live_${mixed(24)}`),
  ];
  for (const s of out) {
    if (s.kind === 'aws-secret-dotenv') { s.value = awsSecret(); s.text = `AWS_SECRET_ACCESS_KEY=${s.value}\n`; }
    if (s.kind === 'aws-secret-yaml') { s.value = awsSecret(); s.text = `aws:\n  aws_secret_access_key: "${s.value}"\n`; }
    if (s.kind === 'gcp-service-account') {
      s.value = gcpPem;
      s.text = `${JSON.stringify({ type: 'service_account', project_id: 'svc', private_key_id: pick(HEX, 40), private_key: gcpPem, client_email: 'svc@svc.iam.gserviceaccount.com' }, null, 2)}\n`;
    }
    if (s.kind === 'npm-auth-token') s.text = `//registry.npmjs.org/:_authToken=${s.value}\n`;
    if (s.kind === 'basic-auth') s.text = `export const API = 'https://deploy:${s.value}@api.acme-corp.io/v1';\n`;
    if (s.kind === 'postgres-url') s.text = `export const PG = 'postgres://app:${s.value}@db.acme-corp.io:5432/app';\n`;
    if (s.kind === 'mysql-url') s.text = `export const MY = 'mysql://app:${s.value}@mysql.acme-corp.io:3306/app';\n`;
    if (s.kind === 'mongodb-url') s.text = `export const MONGO = 'mongodb+srv://app:${s.value}@cluster0.acme-corp.io/app';\n`;
  }
  return out;
}

/** The strings no output may hold: every line of a multi-line value, each at least 8 characters. */
export function secretParts(s: PlantedSecret): string[] {
  return s.value.includes('-----BEGIN') ? pemBody(s.value) : [s.value];
}

/** The 8-character windows of a secret that appear in `text` (none, when it is redacted). */
export function leakedWindows(secret: string, text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) {
    const w = secret.slice(i, i + 8);
    if (text.includes(w)) out.push(w);
  }
  return out;
}
