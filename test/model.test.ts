// The JSON output is the model: it validates against `verdict schema`, and the same tree gives the
// same result (everything but timings).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { withoutTimings } from './helpers/repo.js';
import { auditRunJsonSchema, type AuditRun } from '../src/model/run.js';

const planted = new URL('../examples/planted-service', import.meta.url).pathname;
const clean = new URL('../examples/clean-service', import.meta.url).pathname;

// One audit of the planted example serves every test here (the determinism test runs a second one).
let plantedRun: AuditRun;
beforeAll(async () => {
  plantedRun = await audit({ root: planted, exec: false, cache: false, quiet: true });
}, 120_000);

describe('the result model', () => {
  it('validates against its JSON schema for both examples', async () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(auditRunJsonSchema() as object);
    for (const root of [planted, clean]) {
      const run = root === planted ? plantedRun : await audit({ root, exec: false, cache: false, quiet: true });
      const ok = validate(JSON.parse(JSON.stringify(run)));
      expect(validate.errors ?? [], root).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('is deterministic: two runs differ only in timings', async () => {
    const a = plantedRun;
    const b = await audit({ root: planted, exec: false, cache: false, quiet: true });
    expect(withoutTimings(a)).toEqual(withoutTimings(b));
    expect(a.findings.length).toBeGreaterThan(0);
  });

  it('uses root-relative forward-slash paths and distinct fingerprints', () => {
    const run = plantedRun;
    for (const f of run.findings) {
      if (!f.location) continue;
      expect(f.location.path).not.toMatch(/^\/|\\/);
      expect(f.location.path.startsWith('..')).toBe(false);
    }
    const prints = run.findings.map((f) => f.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
  });
});
