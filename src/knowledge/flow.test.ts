import { describe, expect, it } from 'vitest';
import { ALLOW_LIST_SCHEMAS, allowListBuilders, NUMERIC_SCHEMAS, parsesNumber, RESULT_FROM_CALLBACK, resultFromCallback } from './index.js';

describe('schemas whose parse bounds what comes out', () => {
  it('knows zod\'s enum as an allow-list by its export and parse method, nothing else', () => {
    expect(ALLOW_LIST_SCHEMAS.every((s) => s.source.startsWith('https://') && s.example.includes(s.package))).toBe(true);
    expect(allowListBuilders('zod', 'z', 'parse')).toEqual(['enum']);
    expect(allowListBuilders('zod', '*', 'parseAsync')).toEqual(['enum']);
    expect(allowListBuilders('zod', 'z', 'safeParse')).toEqual([]);
    expect(allowListBuilders('./zod', 'z', 'parse')).toEqual([]);
  });

  it('knows a number schema by a numeric member on the chain', () => {
    expect(NUMERIC_SCHEMAS.length).toBeGreaterThan(0);
    expect(parsesNumber('zod', 'z', ['coerce', 'number', 'int'], 'parse')).toBe(true);
    expect(parsesNumber('zod', 'z', ['string'], 'parse')).toBe(false);
  });
});

describe('methods whose result is made of what their callback returns', () => {
  it('knows reduce and map, not the methods that only select or test elements', () => {
    expect(RESULT_FROM_CALLBACK.every((m) => m.source.startsWith('https://') && m.example.includes(`.${m.method}(`))).toBe(true);
    expect(resultFromCallback('reduce')).toBe(true);
    expect(resultFromCallback('map')).toBe(true);
    expect(resultFromCallback('find')).toBe(false);
    expect(resultFromCallback('some')).toBe(false);
  });
});
