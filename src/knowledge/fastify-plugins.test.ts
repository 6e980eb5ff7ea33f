import { describe, expect, it } from 'vitest';
import { CONTEXT_SHARING_WRAPPERS, sharesParentContext } from './fastify-plugins.js';

describe('knowledge/fastify-plugins', () => {
  it('knows the wrapper each entry names, by its example, and nothing else', () => {
    for (const w of CONTEXT_SHARING_WRAPPERS) {
      expect(w.example).toContain(`from '${w.package}'`);
      for (const e of w.exports) expect(sharesParentContext(w.package, e)).toBe(true);
    }
    expect(sharesParentContext('fastify-plugin', 'other')).toBe(false);
    expect(sharesParentContext('@fastify/autoload', 'default')).toBe(false);
  });
});
