// Secret-like values for tests, generated at run time: nothing secret-shaped is ever committed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function pick(alphabet: string, n: number): string {
  return [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
}
/** Secrets made at test time, never committed. Each contains letters and digits. */
export function makeSecrets() {
  const withDigit = (s: string) => `${s.slice(0, -2)}7${s.slice(-1)}`;
  return {
    aws: `AKIA${withDigit(pick(UPPER, 16))}`,
    github: `ghp_${withDigit(pick(ALNUM, 36))}`,
    slack: `xoxb-${pick('0123456789', 11)}-${pick('0123456789', 12)}-${withDigit(pick(ALNUM, 24))}`,
    apiSecret: `${withDigit(pick(ALNUM, 31))}a`,
    envSecret: withDigit(pick(ALNUM, 28)),
    privateKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
