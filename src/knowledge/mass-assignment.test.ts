import { describe, expect, it } from 'vitest';
import { DOCUMENT_SETTERS, isDocumentSetter, isPrivilegedField, isRoleGuardName, mappedTypeOf, NEST_BODY, ROW_WRITES, rowWritesOf } from './mass-assignment.js';

describe('knowledge/mass-assignment', () => {
  it('knows where each library takes the row, including the builder step and the Prisma key', () => {
    expect(rowWritesOf('findByIdAndUpdate').map((w) => [w.library, w.rowArgs])).toEqual([['mongoose', [1]]]);
    expect(rowWritesOf('update').map((w) => `${w.library}:${w.rowArgs.join()}`).sort()).toEqual(['knex:0', 'prisma:0', 'sequelize:0', 'typeorm:1']);
    expect(rowWritesOf('values')[0]).toMatchObject({ library: 'drizzle', after: 'insert' });
    expect(rowWritesOf('create').find((w) => w.library === 'prisma')?.key).toEqual(['data']);
    expect(rowWritesOf('findOne')).toEqual([]);
    for (const w of ROW_WRITES) expect(w.example).toContain(w.method);
  });

  it('tells privilege and money fields from ordinary ones, whatever the case or underscores', () => {
    for (const f of ['role', 'isAdmin', 'is_admin', 'permissions', 'balance', 'credits', 'emailVerified', 'email_verified']) expect(isPrivilegedField(f)).toBe(true);
    for (const f of ['name', 'email', 'roleDescription', 'adminNotes', 'bio', 'password']) expect(isPrivilegedField(f)).toBe(false);
  });

  it('reads role guards from the words of a middleware name, not from substrings', () => {
    expect(isRoleGuardName('requireAdmin')).toBe(true);
    expect(isRoleGuardName("checkRole('editor')")).toBe(true);
    expect(isRoleGuardName('is_staff')).toBe(true);
    expect(isRoleGuardName('authenticate')).toBe(false);
    expect(isRoleGuardName('administrationLogger')).toBe(false);
  });

  it('says how each NestJS mapped type makes a DTO from another, and names the whole-body decorator and the whitelist options', () => {
    expect(mappedTypeOf('PartialType')).toBe('keep');
    expect(mappedTypeOf('PickType')).toBe('pick');
    expect(mappedTypeOf('OmitType')).toBe('omit');
    expect(mappedTypeOf('IntersectionType')).toBe('join');
    expect(mappedTypeOf('Type')).toBeNull();
    expect(NEST_BODY.decorator).toBe('Body');
    expect(NEST_BODY.whitelistOptions).toContain('whitelist');
    expect(NEST_BODY.source).toMatch(/^https:\/\/docs\.nestjs\.com\//);
  });

  it('knows the document setters whose object argument a later save() stores, and nothing else as one', () => {
    expect(isDocumentSetter('set')).toBe(true);
    expect(isDocumentSetter('assign')).toBe(false);
    expect(DOCUMENT_SETTERS.map((w) => w.library)).toEqual(['mongoose', 'sequelize']);
    for (const w of DOCUMENT_SETTERS) {
      expect(w.rowArgs).toEqual([0]);
      expect(w.example).toMatch(/\.set\(req\.body\); await user\.save\(\)/);
      expect(w.source).toMatch(/^https:\/\//);
    }
  });
});
