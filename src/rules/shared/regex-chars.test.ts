import { describe, expect, it } from 'vitest';
import { charactersRemoved } from './regex-chars.js';

const SEP = ['/', '\\', '.'];
describe('charactersRemoved', () => {
  it.each([
    ['[^\\w.-]', ['/', '\\']],
    ['[^a-zA-Z0-9._-]', ['/', '\\']],
    ['[^a-z0-9]', ['/', '\\', '.']],
    ['[\\/\\\\]', ['/', '\\']],
    ['[/\\\\]+', ['/', '\\']],
    ['(\\/|\\\\)', ['/', '\\']],
    ['\\.\\.|[\\/\\\\]', ['/', '\\']],
    ['[\\\\/:*?"<>|]', ['/', '\\']],
    ['\\W', ['/', '\\', '.']],
    ['[.]{2,}', ['.']],
    ['/', ['/']],
  ])('%s removes %j', (src, out) => {
    expect(charactersRemoved(src, SEP)).toEqual(out);
  });
  it.each([
    ['\\.\\.\\/'], // a sequence: `..\` and `/` alone survive
    ['^\\/'], // anchored: only a leading slash
    ['[a-z]'],
    ['\\s+'],
    ['(?=\\/)'],
  ])('%s removes no separator', (src) => {
    expect(charactersRemoved(src, ['/', '\\'])).toEqual([]);
  });
});
