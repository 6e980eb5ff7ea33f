import { describe, expect, it } from 'vitest';
import { configFileReaderOf, secretSinkOf } from './config-files.js';

describe('knowledge/config-files', () => {
  it('node-config reads default.json from ./config by key path', () => {
    expect(configFileReaderOf('config')).toMatchObject({ method: 'get', dir: 'config', files: ['default.json', 'production.json'] });
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
});
