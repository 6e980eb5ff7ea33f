import { describe, expect, it } from 'vitest';
import { commandsOf, WATCH_MODES, watchModeIn } from './index.js';

const first = (line: string) => watchModeIn(commandsOf(line)[0])?.mode.bin ?? null;

describe('watch modes', () => {
  it("each entry's example is read as that watch mode, and each cites its source", () => {
    for (const m of WATCH_MODES) {
      expect(m.source, m.bin).toMatch(/^https:\/\//);
      expect(first(m.example), m.example).toBe(m.bin);
    }
  });

  it('reads the watching forms through runners and local binaries', () => {
    expect(first('node --test --watch')).toBe('node');
    expect(first('npx vitest --watch')).toBe('vitest');
    expect(first('vitest run --watch')).toBe('vitest'); // vitest: `run --watch` still watches
    expect(first('vitest dev')).toBe('vitest');
    expect(first('cross-env NODE_ENV=test ./node_modules/.bin/jest --watchAll')).toBe('jest');
    expect(first('tsc --noEmit -w')).toBe('tsc');
    expect(first('pnpm exec nodemon --exec "npm test"')).toBe('nodemon');
  });

  it('stays silent on the forms that run once, in CI or anywhere', () => {
    expect(first('vitest')).toBeNull(); // watches only when CI is unset and stdin is a TTY
    expect(first('vitest run')).toBeNull();
    expect(first('vitest --run')).toBeNull();
    expect(first('vitest --watch=false')).toBeNull();
    expect(first('jest --ci')).toBeNull();
    expect(first('jest --watchAll=false')).toBeNull();
    expect(first('node --test')).toBeNull();
    expect(first('node dist/index.js --watch')).toBeNull(); // a flag of the script, not of node
    expect(first('tsc --noEmit')).toBeNull();
    expect(first('tsx src/a.test.ts')).toBeNull();
    expect(first('echo nodemon')).toBeNull();
  });
});
