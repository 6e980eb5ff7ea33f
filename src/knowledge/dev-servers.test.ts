import { describe, expect, it } from 'vitest';
import { commandsOf, DEV_SERVERS, devServerIn } from './index.js';

const first = (line: string) => devServerIn(commandsOf(line)[0])?.server.bin ?? null;

describe('dev servers', () => {
  it("each entry's example is read as that dev server, and each cites its source", () => {
    for (const s of DEV_SERVERS) {
      expect(s.source, s.bin).toMatch(/^https:\/\//);
      expect(first(s.example), s.example).toBe(s.bin);
    }
  });

  it('reads through runners, environment and local binary paths', () => {
    expect(first('npx nodemon --exec ts-node src/index.ts')).toBe('nodemon');
    expect(first('cross-env NODE_ENV=production ./node_modules/.bin/ts-node-dev src/app.ts')).toBe('ts-node-dev');
    expect(first('dotenv -e .env.local -- tsx watch src/main.ts')).toBe('tsx');
    expect(first('pnpm exec next dev -p 3000')).toBe('next');
  });

  it('stays silent on the production forms of the same tools', () => {
    expect(first('node dist/index.js')).toBeNull();
    expect(first('node dist/index.js --watch')).toBeNull(); // a flag of the script, not of node
    expect(first('tsx src/index.ts')).toBeNull();
    expect(first('ts-node --transpile-only src/index.ts')).toBeNull();
    expect(first('ts-node -T src/index.ts')).toBeNull();
    expect(first('next start')).toBeNull();
    expect(first('vite build')).toBeNull();
    expect(first('vite preview')).toBeNull();
    expect(first('nest start')).toBeNull();
    expect(first('wrangler deploy')).toBeNull();
    expect(first('echo nodemon')).toBeNull();
    expect(first('pm2-runtime ecosystem.config.js')).toBeNull();
  });

  it('reads the watch forms as dev servers', () => {
    expect(first('node --watch --env-file=.env server.js')).toBe('node');
    expect(first('nest start --watch')).toBe('nest');
    expect(first('vite --host 0.0.0.0')).toBe('vite');
    expect(first('webpack serve --mode development')).toBe('webpack');
  });
});
