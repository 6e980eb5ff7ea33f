import { describe, expect, it } from 'vitest';
import { BROWSER_AMBIGUOUS, ESLINT_ENVS, JS_GLOBALS, JS_GLOBALS_SOURCE, RUNTIMES_BY_IMPORT } from './index.js';

describe('JavaScript globals', () => {
  it('holds the language, Node, the web platform and the browser, and cites its sources', () => {
    for (const n of ['undefined', 'arguments', 'Promise', 'process', 'Buffer', '__dirname', 'fetch', 'crypto', 'structuredClone', 'HTMLRewriter', 'document', 'localStorage']) {
      expect(JS_GLOBALS.has(n), n).toBe(true);
    }
    expect(JS_GLOBALS_SOURCE).toMatch(/^https:\/\//);
  });

  it('keeps everyday window properties apart, and no ordinary variable name is a global', () => {
    for (const n of BROWSER_AMBIGUOUS) expect(JS_GLOBALS.has(n), n).toBe(false);
    for (const n of ['user', 'db', 'config', 'logger', 'res', 'req', 'next', 'data', '$', 'describe', 'result']) expect(JS_GLOBALS.has(n), n).toBe(false);
  });

  it('eslint environments add their globals', () => {
    expect(ESLINT_ENVS.mocha).toContain('describe');
    expect(ESLINT_ENVS.jquery).toContain('$');
    expect(ESLINT_ENVS.browser).toContain('status');
  });

  it('runtimes recognised by their imports cite their source and match their modules only', () => {
    const k6 = RUNTIMES_BY_IMPORT.find((r) => r.module.test('k6/http'))!;
    expect(k6.globals).toContain('__ENV');
    expect(k6.source).toMatch(/^https:\/\//);
    expect(RUNTIMES_BY_IMPORT.some((r) => r.module.test('k6-utils-local') || r.module.test('express'))).toBe(false);
  });
});
