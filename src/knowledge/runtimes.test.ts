import { describe, expect, it } from 'vitest';
import { NODE_END_OF_LIFE, nodeEndOfLife, RETIRED_RUNNERS, retiredRunner } from './index.js';

describe('end-of-life runtimes', () => {
  it('dates every entry and cites where it comes from', () => {
    for (const e of [...NODE_END_OF_LIFE, ...RETIRED_RUNNERS]) {
      expect(e.since, e.name).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(e.source, e.name).toMatch(/^https:\/\//);
    }
  });

  it('reads the major of the ways CI files write a Node version, and nothing else', () => {
    expect(nodeEndOfLife('12')?.since).toBe('2022-04-30');
    expect(nodeEndOfLife('12.x')?.name).toBe('12');
    expect(nodeEndOfLife('v14.17.0')?.name).toBe('14');
    expect(nodeEndOfLife('22.x')).toBeNull();
    expect(nodeEndOfLife('lts/*')).toBeNull();
    expect(nodeEndOfLife('120')).toBeNull();
    expect(nodeEndOfLife('1.2')).toBeNull();
  });

  it('knows removed runner labels exactly', () => {
    expect(retiredRunner('ubuntu-16.04')?.since).toBe('2021-09-20');
    expect(retiredRunner('ubuntu-latest')).toBeNull();
    expect(retiredRunner('ubuntu-22.04')).toBeNull();
  });
});
