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
    const today = '2026-12-07';
    expect(nodeEndOfLife('12', today)?.since).toBe('2022-04-30');
    expect(nodeEndOfLife('12.x', today)?.name).toBe('12');
    expect(nodeEndOfLife('v14.17.0', today)?.name).toBe('14');
    expect(nodeEndOfLife('22.x', today)).toBeNull();
    expect(nodeEndOfLife('lts/*', today)).toBeNull();
    expect(nodeEndOfLife('120', today)).toBeNull();
    expect(nodeEndOfLife('1.2', today)).toBeNull();
  });

  it('judges against the audit\'s date: a major is past its end of life from that day on, not before', () => {
    // nodejs/Release README (release schedule): 14 2023-04-30, 16 2023-09-11, 18 2025-04-30, 20 2026-04-30, 22 2027-04-30.
    expect(nodeEndOfLife('18', '2025-04-29')).toBeNull();
    expect(nodeEndOfLife('18', '2025-04-30')?.since).toBe('2025-04-30');
    expect(nodeEndOfLife('16', '2024-01-01')?.since).toBe('2023-09-11');
    expect(nodeEndOfLife('20', '2026-04-30')?.since).toBe('2026-04-30');
    expect(nodeEndOfLife('22', '2026-12-07')).toBeNull();
    expect(nodeEndOfLife('22', '2027-05-01')?.since).toBe('2027-04-30');
  });

  it('knows removed runner labels exactly', () => {
    expect(retiredRunner('ubuntu-16.04')?.since).toBe('2021-09-20');
    expect(retiredRunner('ubuntu-latest')).toBeNull();
    expect(retiredRunner('ubuntu-22.04')).toBeNull();
  });
});
