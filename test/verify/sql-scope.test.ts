// "SQL injection in the migration script - FIXED" is about the scripts: an injection finding in the
// service's code neither contradicts nor confirms it, while one in a script does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import type { AuditRun } from '../../src/model/run.js';
import { checkClaims } from '../../src/verify/index.js';
import { RepoIndex } from '../../src/verify/repo.js';
import { removeRepo } from '../helpers/repo.js';
import { serviceRepo } from './fixture.js';

let root = '';
let run: AuditRun;
const none = { tracked: false, addedIn: null, addedOn: null, checkedAt: null, changedSince: [], changesUnknown: null };

beforeAll(async () => {
  root = serviceRepo({ 'scripts/migrate.js': "const t = process.argv[2];\ndb.exec(`SELECT * FROM ${t}`);\n" });
  run = await audit({ root, exec: false, cache: false, quiet: true });
}, 120_000);
afterAll(() => removeRepo(root));

const finding = (path: string) => ({
  ruleId: 'database/sql-injection', category: 'database', severity: 'critical', message: 'SQL built from a variable', messageId: 'x',
  location: { path, line: 2, column: 1, endLine: 2, snippet: 'db.exec(`SELECT * FROM ${t}`);' }, evidence: [], remediation: '', fingerprint: path, package: null, suppressed: null,
}) as unknown as AuditRun['findings'][number];

function check(md: string, findings: AuditRun['findings']) {
  return checkClaims(md, { run: { ...run, findings }, repo: new RepoIndex(root), noExecReason: null }, none);
}

describe('verify: SQL injection claims that name the scripts', () => {
  const md = '- SQL injection in migration script - ✅ FIXED\n- SQL injection prevention ✅\n';
  it('ignores a finding in the service for the scripts, and keeps the two facts apart', () => {
    const [scripts, service] = check(md, [finding('src/db.ts')]);
    expect(scripts).toMatchObject({ kind: 'sql-injection', subject: { where: 'scripts' }, verdict: 'unverifiable' });
    expect(service).toMatchObject({ kind: 'sql-injection', verdict: 'contradicted' });
    expect(scripts.fact.key).not.toBe(service.fact.key);
  });

  it('contradicts it with a finding in a script', () => {
    const [scripts] = check(md, [finding('scripts/migrate.js')]);
    expect(scripts.verdict).toBe('contradicted');
    expect(scripts.evidence[0]).toMatchObject({ kind: 'file', path: 'scripts/migrate.js', line: 2 });
  });
});
