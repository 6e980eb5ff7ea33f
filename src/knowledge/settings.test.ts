import { describe, expect, it } from 'vitest';
import { digestName, FIELD_OPTION_WORDS, FRAME_OPTION_SITES, JWT_ALGORITHM_OPTIONS, WORKFLOW_TOOLS } from './index.js';

describe('settings knowledge', () => {
  it('names each option where its example passes it', () => {
    for (const o of [...JWT_ALGORITHM_OPTIONS, ...FRAME_OPTION_SITES]) {
      expect(o.source).toMatch(/^https:\/\//);
      expect(o.example).toContain(o.key ? o.key.split('.')[0] : o.export.split('.').pop()!);
    }
  });
  it('reads digest names as reports and code write them', () => {
    expect(digestName('SHA-256')).toBe('sha256');
    expect(digestName('md5')).toBe('md5');
    expect(digestName('sha_512')).toBe('sha512');
    expect(digestName('bcrypt')).toBeNull();
  });
  it('maps the words of a claim to schema field options', () => {
    const of = (t: string) => FIELD_OPTION_WORDS.filter((w) => w.words.test(t)).map((w) => w.option);
    expect(of('`email` is unique and lowercased')).toEqual(['unique', 'lowercase']);
    expect(of('`name` is trimmed and required')).toEqual(['trim', 'required']);
    expect(of('`email` is indexed')).toEqual([]);
  });
  it('recognises each tool in the step that runs it', () => {
    const steps: Record<string, string> = {
      gitleaks: 'gitleaks/gitleaks-action@v2', CodeQL: 'github/codeql-action/init@v3', 'prisma validate': 'pnpm exec prisma validate --schema x',
      'dependency audit': 'pnpm audit --audit-level=high', lint: 'npm run lint', 'type-check': 'npx tsc --noEmit',
    };
    for (const t of WORKFLOW_TOOLS) expect(t.step.test(steps[t.tool]), t.tool).toBe(true);
    expect(WORKFLOW_TOOLS.find((t) => t.tool === 'CodeQL')!.step.test('echo codeql is not run here')).toBe(false);
  });
});
