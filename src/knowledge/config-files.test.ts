import { describe, expect, it } from 'vitest';
import { configFileReaderOf, configSchemaLibraryOf, envOverrideFileOf, SECRET_SINKS, secretSinkOf, secretSinksOf } from './config-files.js';

describe('knowledge/config-files', () => {
  it('node-config reads default.json from ./config by key path', () => {
    expect(configFileReaderOf('config')).toMatchObject({ method: 'get', dir: 'config' });
    expect(configFileReaderOf('config')!.files.filter((f) => f.startsWith('default.'))).toEqual(['default.json', 'default.yml', 'default.yaml']);
    expect(configFileReaderOf('config')!.files.indexOf('production.json')).toBeGreaterThan(configFileReaderOf('config')!.files.indexOf('default.yaml'));
    expect(configFileReaderOf('./config')).toBeNull();
  });
  it('secret sinks by import: jsonwebtoken sign/verify, express-session, createHmac', () => {
    expect(secretSinkOf('jsonwebtoken', 'default', 'sign')).toMatchObject({ arg: 1 });
    expect(secretSinkOf('jsonwebtoken', 'verify')).toMatchObject({ arg: 1 });
    expect(secretSinkOf('jsonwebtoken', 'decode')).toBeNull();
    expect(secretSinkOf('express-session', 'default')).toMatchObject({ option: 'secret' });
    expect(secretSinkOf('node:crypto', 'createHmac')).toMatchObject({ arg: 1 });
    expect(secretSinkOf('crypto', '*', 'createHash')).toBeNull();
  });
  it('cookie and session signing secrets: cookie-parser\'s argument, cookie-session\'s secret and keys, Koa app.keys, Fastify plugins\' options', () => {
    expect(secretSinkOf('cookie-parser', 'default')).toMatchObject({ arg: 0, kind: 'signing' });
    expect(secretSinkOf('koa-jwt', 'default')).toMatchObject({ option: 'secret' });
    expect(secretSinksOf('cookie-session', 'default').map((s) => s.option)).toEqual(['secret', 'keys']);
    expect(secretSinksOf('koa', 'default', undefined, 'assign')).toMatchObject([{ property: 'keys' }]);
    expect(secretSinksOf('koa', 'default')).toEqual([]);
    expect(secretSinksOf('@fastify/cookie', 'default', undefined, 'register')).toMatchObject([{ option: 'secret' }]);
    expect(secretSinksOf('@fastify/session', 'default', undefined, 'call')).toEqual([]);
  });
  it('a database password is a sink of its own kind; a named export is no member of a namespace', () => {
    expect(secretSinksOf('sequelize', 'Sequelize', undefined, 'new')).toMatchObject([{ arg: 2, kind: 'database' }]);
    expect(secretSinksOf('sequelize', 'Sequelize', undefined, 'call')).toEqual([]);
    expect(secretSinksOf('jsonwebtoken', 'sign', 'x')).toEqual([]);
  });
  it('node-config maps keys to environment variables in custom-environment-variables.json', () => {
    expect(envOverrideFileOf('config')!.files).toContain('custom-environment-variables.yml');
    expect(envOverrideFileOf('dotenv')).toBeNull();
  });
  it('@fastify/jwt takes a key pair whose private member is the secret; @fastify/secure-session its key or secret; a store-backed session id is high, not critical', () => {
    expect(secretSinksOf('@fastify/jwt', 'default', undefined, 'register')[0]).toMatchObject({ option: 'secret', privateMember: 'private' });
    expect(secretSinksOf('@fastify/secure-session', 'default', undefined, 'register').map((s) => s.option)).toEqual(['key', 'secret']);
    expect(secretSinkOf('express-session', 'default')!.literalSeverity).toBe('high');
    expect(secretSinkOf('cookie-session', 'default')!.literalSeverity).toBeUndefined();
    expect(secretSinksOf('@fastify/secure-session', 'default', undefined, 'call')).toEqual([]);
  });
  it('every sink has an example naming its module\'s use and a source', () => {
    for (const s of SECRET_SINKS) {
      expect(s.source, s.what).toMatch(/^https:\/\//);
      expect(s.example.length, s.what).toBeGreaterThan(5);
      expect(s.arg !== undefined || s.option !== undefined || s.property !== undefined, s.what).toBe(true);
    }
  });
  it('convict: the schema passed to the module itself declares each key\'s default and overriding variable', () => {
    expect(configSchemaLibraryOf('convict', 'default')).toMatchObject({ method: 'get', valueField: 'default', envField: 'env' });
    expect(configSchemaLibraryOf('convict', '*')).not.toBeNull();
    expect(configSchemaLibraryOf('convict', 'addFormat')).toBeNull();
    expect(configSchemaLibraryOf('nconf', 'default')).toBeNull();
  });
});
