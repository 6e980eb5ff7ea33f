import { describe, expect, it } from 'vitest';
import { commandsOf, SCHEMA_TOOLS, schemaToolUses } from './index.js';

describe('schema tools', () => {
  it("each tool's example is a push, and every listed subcommand is read as its workflow", () => {
    for (const t of SCHEMA_TOOLS) {
      expect(t.source, t.bin).toMatch(/^https:\/\//);
      expect(schemaToolUses(t.example).map((u) => u.workflow), t.bin).toEqual(['push']);
      for (const sub of t.push) expect(schemaToolUses(`npx ${t.bin} ${sub.join(' ')} --force`).map((u) => u.workflow)).toEqual(['push']);
      for (const sub of t.migrate) expect(schemaToolUses(`${t.bin} ${sub.join(' ')}`).map((u) => u.workflow)).toEqual(['migrate']);
    }
  });

  it('reads commands and words, not substrings', () => {
    expect(commandsOf('dotenv -e .env -- drizzle-kit push && node x.js')).toEqual([['dotenv', '-e', '.env', '--', 'drizzle-kit', 'push'], ['node', 'x.js']]);
    expect(schemaToolUses('drizzle-kit studio')).toEqual([]);
    expect(schemaToolUses('docker push drizzle-kit-image')).toEqual([]);
    expect(schemaToolUses('echo drizzle-kit-push')).toEqual([]);
    expect(schemaToolUses('drizzle-kit generate && drizzle-kit push').map((u) => u.workflow)).toEqual(['migrate', 'push']);
  });
});
