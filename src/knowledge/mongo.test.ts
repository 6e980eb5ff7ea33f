import { describe, expect, it } from 'vitest';
import {
  isAccountLookupField, isRegexEscaper, isSchemaParseMethod, MONGO_SANITIZERS, mongoFilterArg, mongoSanitizerOf, readsStringField, REGEX_ESCAPERS,
} from './index.js';

describe('MongoDB as a sink', () => {
  it('knows which argument of a query method is the filter', () => {
    expect(mongoFilterArg('findOne')).toBe(0);
    expect(mongoFilterArg('distinct')).toBe(1);
    expect(mongoFilterArg('insertOne')).toBeNull();
  });

  it('knows the $-key sanitizers by package and export, and their kind', () => {
    expect(MONGO_SANITIZERS.every((s) => s.source.startsWith('https://') && s.example.includes(s.package))).toBe(true);
    expect(mongoSanitizerOf('express-mongo-sanitize', 'default')?.kind).toBe('middleware');
    expect(mongoSanitizerOf('mongo-sanitize', 'default')?.kind).toBe('function');
    expect(mongoSanitizerOf('./mongo-sanitize', 'default')).toBeNull();
  });

  it('knows regular-expression escapers by export, not by a local helper\'s name', () => {
    expect(REGEX_ESCAPERS.every((e) => e.source.startsWith('https://'))).toBe(true);
    expect(isRegexEscaper('escape-string-regexp', 'default')).toBe(true);
    expect(isRegexEscaper('lodash', 'escapeRegExp')).toBe(true);
    expect(isRegexEscaper('lodash', 'default', 'escapeRegExp')).toBe(true);
    expect(isRegexEscaper('./utils', 'escapeRegExp')).toBe(false);
  });

  it('knows which request fields hold only strings, per framework', () => {
    expect(readsStringField(['req', 'params', 'id'])).toBe(true);
    expect(readsStringField(['req', 'query', 'q'])).toBe(false);
    expect(readsStringField(['req', 'body', 'email'])).toBe(false);
    expect(readsStringField(['c', 'req', 'query'])).toBe(true);
  });

  it('knows account lookup fields and schema parse methods', () => {
    expect(isAccountLookupField('email')).toBe(true);
    expect(isAccountLookupField('reset_token')).toBe(true);
    expect(isAccountLookupField('category')).toBe(false);
    expect(isSchemaParseMethod('parse')).toBe(true);
    expect(isSchemaParseMethod('safeParse')).toBe(false);
  });
});
