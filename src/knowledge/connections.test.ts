import { describe, expect, it } from 'vitest';
import { CLIENT_CHAIN_METHODS, returnsClient, CONNECTION_LIFECYCLES, CONNECTION_OPENERS, CONNECTION_STRING_NAMES, connectionLifecycleOf, connectionOpenerOf, isConnectionOptionType, isConnectionStringName } from './connections.js';

describe('knowledge/connections', () => {
  it('names of connection-string settings, and look-alikes that are not', () => {
    for (const n of CONNECTION_STRING_NAMES.examples) expect(isConnectionStringName(n), n).toBe(true);
    for (const n of CONNECTION_STRING_NAMES.notExamples) expect(isConnectionStringName(n), n).toBe(false);
  });

  it('finds every opener the way its example uses it', () => {
    for (const o of CONNECTION_OPENERS) {
      const found = o.how === 'static' ? connectionOpenerOf(o.package, o.export, 'member', o.method)
        : o.how === 'member' ? connectionOpenerOf(o.package, 'default', 'member', o.export)
          : connectionOpenerOf(o.package, o.export === 'default' ? 'default' : o.export, o.how);
      expect(found, `${o.package} ${o.export}`).not.toBeNull();
      expect(found!.package).toBe(o.package);
      expect(o.example).toMatch(/localhost|127\.0\.0\.1/);
    }
  });

  it('a CommonJS require of a default-export client is the client, a named export is not a member', () => {
    expect(connectionOpenerOf('ioredis', '*', 'new')?.package).toBe('ioredis');
    expect(connectionOpenerOf('pg', 'default', 'new')).toBeNull();
    expect(connectionOpenerOf('mongoose', 'connect', 'member', 'connect')).toBeNull();
    expect(connectionOpenerOf('@nestjs/typeorm', 'TypeOrmModule', 'member', 'forFeature')).toBeNull();
  });

  it('knows the option types, and only from their package', () => {
    expect(isConnectionOptionType('typeorm', 'DataSourceOptions')).toBe(true);
    expect(isConnectionOptionType('./types', 'DataSourceOptions')).toBe(false);
  });

  it('every client that holds a connection is an opener, and its example closes it with a method it lists', () => {
    for (const l of CONNECTION_LIFECYCLES) {
      const opener = CONNECTION_OPENERS.find((o) => o.package === l.package && o.export === l.export && o.how !== 'static');
      expect(opener, `${l.package} ${l.export}`).toBeDefined();
      expect(connectionLifecycleOf(opener!)).toBe(l);
      expect(l.close.some((m) => l.example.includes(`.${m}(`)), l.example).toBe(true);
      expect(l.source).toMatch(/^https:\/\//);
    }
  });

  it('a module setup and the default mongoose connection hold no connection of their own', () => {
    expect(connectionLifecycleOf(CONNECTION_OPENERS.find((o) => o.how === 'static')!)).toBeNull();
    expect(connectionLifecycleOf(connectionOpenerOf('mongoose', 'default', 'member', 'connect')!)).toBeNull();
    expect(connectionLifecycleOf(connectionOpenerOf('@prisma/client', 'PrismaClient', 'new')!)?.close).toEqual(['$disconnect']);
  });

  it('methods that give back the client, and ones that do not', () => {
    expect(CLIENT_CHAIN_METHODS.methods.length).toBeGreaterThan(0);
    expect(returnsClient('$extends')).toBe(true);
    expect(returnsClient('query')).toBe(false);
  });
});
