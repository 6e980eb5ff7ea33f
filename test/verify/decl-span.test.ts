// "**Invoice Model:** Lines 5-10 (includes `total`)" under a section that names the schema file: the
// lines a declaration spans, resolved in that file. The schema and the service are written here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import type { VerifyResult } from '../../src/verify/model.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';

let root = '';
let res: VerifyResult;
const reports = mkdtempSync(join(tmpdir(), 'verdict-decl-span-'));

beforeAll(async () => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'billing', private: true, main: 'src/index.ts', dependencies: { '@prisma/client': '5' } }),
    'prisma/schema.prisma': [
      'datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}', '', // 1-5
      'model Invoice {', '  id    Int @id', '  total Int', '  paid  Boolean', '}', '', // 6-11
      'model Payment {', '  id        Int @id', '  invoiceId Int', '}', '', // 12-16
    ].join('\n'),
    'src/index.ts': "export class Ledger {\n  entries: number[] = [];\n}\n",
    'src/registry.ts': "type Handler = () => void;\nconst handlers = new Map<string, Handler>();\nexport const register = (k: string, h: Handler) => handlers.set(k, h);\n",
  });
  const file = join(reports, 'r.md');
  writeFileSync(file, [
    '## Evidence', // 1
    '### Schema', // 2
    '- **Schema:** `prisma/schema.prisma`', // 3
    '- **Invoice Model:** Lines 6-10 (includes `total`, `paid`)', // 4
    '- **Payment Model:** Lines 10-16', // 5
    '- **Invoice Model:** Lines 6-10 (includes `dueDate`)', // 6
    '### Code', // 7
    '- **Ledger Class:** Lines 1-3 in `src/index.ts`', // 8
    '- **Registry:** `src/registry.ts`', // 9
    '  - In-memory `Map<string, Handler>`', // 10
    '  - In-memory `Map<string, Job>`', // 11
  ].join('\n'));
  res = await verifyReport({ report: file, repo: root, exec: false, cache: false });
});
afterAll(() => { removeRepo(root); removeRepo(reports); });

const at = (line: number) => res.claims.find((c) => c.line === line)!;

describe('the lines a declaration spans', () => {
  it('reads the file from the section and the span from the declaration to its closing brace', () => {
    expect(at(4).verdict).toBe('confirmed');
    expect(at(4).evidence[0]).toMatchObject({ path: 'prisma/schema.prisma', line: 6 });
    expect(at(5).verdict).toBe('contradicted');
    expect(at(5).reason).toContain('12-15');
  });
  it('a member the line lists must be inside the span; a file on the line is used as given', () => {
    expect(at(6).verdict).toBe('contradicted');
    expect(at(6).reason).toContain('dueDate');
    expect(at(8).verdict).toBe('confirmed');
  });
  it('a generic type listed under a source file is the type the file writes, arguments and all', () => {
    expect(at(10).verdict).toBe('confirmed');
    expect(at(10).evidence[0]).toMatchObject({ path: 'src/registry.ts', line: 2 });
    expect(at(11).verdict).toBe('contradicted');
    expect(at(11).reason).toContain('Map<string,Handler>');
  });
});
