import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.js';

describe('knowledge/loopback', () => {
  it('knows the names and addresses that only reach the local machine', () => {
    for (const name of ['localhost', 'LOCALHOST.', 'app.localhost', 'localhost.localdomain', '127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackHost(name), name).toBe(true);
    }
  });

  it('does not take a real host, a private address or a look-alike for one', () => {
    for (const name of ['example.com', 'localhost.example.com', 'mylocalhost', '10.0.0.1', '192.168.1.10', '0.0.0.0', '127.0.0.256', '128.0.0.1', '::2', '']) {
      expect(isLoopbackHost(name), name).toBe(false);
    }
  });
});
