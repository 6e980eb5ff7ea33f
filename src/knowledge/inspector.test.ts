import { describe, expect, it } from 'vitest';
import { commandsOf, INSPECTOR_FLAGS, inspectorIn, inspectorInOptions } from './index.js';

const first = (line: string) => inspectorIn(commandsOf(line)[0]);

describe('node inspector', () => {
  it("each flag's example binds a public host, and each cites its source", () => {
    for (const f of INSPECTOR_FLAGS) {
      expect(f.source).toMatch(/^https:\/\//);
      expect(first(f.example)?.public, f.example).toBe(true);
    }
  });

  it('reads hosts, ports, NODE_OPTIONS and runners', () => {
    expect(first('node --inspect=0.0.0.0:9229 dist/main.js')).toMatchObject({ host: '0.0.0.0', port: 9229, public: true });
    expect(first('NODE_OPTIONS=--inspect=0.0.0.0 node dist/main.js')).toMatchObject({ host: '0.0.0.0', public: true });
    expect(first('cross-env NODE_ENV=production node --inspect=[::]:9230 dist/main.js')).toMatchObject({ host: '::', port: 9230, public: true });
    expect(first('nodemon --inspect=0.0.0.0 src/index.js')?.public).toBe(true);
    expect(first('node --inspect=$DEBUG_HOST dist/main.js')).toMatchObject({ host: null, public: null });
    expect(inspectorInOptions('--max-old-space-size=512 --inspect=0.0.0.0:9229')?.public).toBe(true);
  });

  it('loopback binds and options of the script are not public inspectors', () => {
    expect(first('node --inspect dist/main.js')).toMatchObject({ host: '127.0.0.1', public: false });
    expect(first('node --inspect=9229 dist/main.js')?.public).toBe(false);
    expect(first('node --inspect=127.0.0.1:9229 dist/main.js')?.public).toBe(false);
    expect(first('node --inspect=localhost:9229 dist/main.js')?.public).toBe(false);
    expect(first('node dist/main.js --inspect=0.0.0.0')).toBeNull();
    expect(first('node dist/main.js')).toBeNull();
    expect(first('next start')).toBeNull();
  });
});
