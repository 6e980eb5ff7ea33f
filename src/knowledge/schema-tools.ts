// Command-line schema tools and their two workflows: `push` applies the ORM schema straight to a
// database (no migration file, no history, no review, columns dropped when the schema loses them);
// `migrate` writes migration files that are reviewed, committed and applied in order. A project
// whose scripts only push has no schema history at all.

export interface SchemaTool {
  /** The command's binary as scripts call it. */
  bin: string;
  /** Subcommands (the words after the binary) that push the schema. */
  push: ReadonlyArray<readonly string[]>;
  /** Subcommands that write or apply migration files: any of them means the project keeps a history. */
  migrate: ReadonlyArray<readonly string[]>;
  /** The migration runner (model/migrations) whose discovered set means a history exists. */
  runner: string;
  example: string;
  source: string;
}

export const SCHEMA_TOOLS: readonly SchemaTool[] = [
  {
    bin: 'drizzle-kit',
    push: [['push'], ['push:pg'], ['push:mysql'], ['push:sqlite']],
    migrate: [['generate'], ['generate:pg'], ['generate:mysql'], ['generate:sqlite'], ['migrate'], ['up']],
    runner: 'drizzle',
    example: 'drizzle-kit push',
    source: 'https://orm.drizzle.team/docs/drizzle-kit-push ("push ... without any SQL files generation"; migrations: drizzle-kit generate/migrate)',
  },
];

/** The words of a shell command line, split into commands at `&&`, `||`, `;` and `|`. */
export function commandsOf(line: string): string[][] {
  return line.split(/&&|\|\||;|\|/).map((c) => c.trim().split(/\s+/).filter(Boolean)).filter((c) => c.length > 0);
}

/** What a command line does with a schema tool: each `push` or `migrate` use, with its tool. */
export function schemaToolUses(line: string): Array<{ tool: SchemaTool; workflow: 'push' | 'migrate' }> {
  const out: Array<{ tool: SchemaTool; workflow: 'push' | 'migrate' }> = [];
  for (const words of commandsOf(line)) {
    for (const tool of SCHEMA_TOOLS) {
      const at = words.indexOf(tool.bin);
      if (at < 0) continue;
      const rest = words.slice(at + 1).filter((w) => !w.startsWith('-'));
      const starts = (sub: readonly string[]) => sub.every((w, i) => rest[i] === w);
      if (tool.push.some(starts)) out.push({ tool, workflow: 'push' });
      else if (tool.migrate.some(starts)) out.push({ tool, workflow: 'migrate' });
    }
  }
  return out;
}
