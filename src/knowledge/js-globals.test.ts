import { describe, expect, it } from 'vitest';
import { BROWSER_AMBIGUOUS, ESLINT_ENVS, JS_GLOBALS, JS_GLOBALS_SOURCE } from './index.js';

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
});
