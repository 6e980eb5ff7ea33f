// Bun starts an HTTP server without any listen call: when the file `bun run` executes has a default
// export with a `fetch` method (a Hono or Elysia app, `{ fetch, port }`), Bun passes it to
// `Bun.serve()` and keeps serving. So "no listen call" does not mean "not a long-running server"
// for a Bun entry whose default export is an app: it needs a health route, a shutdown path and a
// validated environment like any other server.

import { commandsOf } from './schema-tools.js';

export const BUN_DEFAULT_EXPORT_SERVE = {
  example: "// package.json: \"dev\": \"bun run --hot index.ts\"\nconst app = new Hono();\nexport default app;",
  source: 'https://bun.sh/docs/api/http#export-default-syntax ("If the entry file has a default export with a fetch method, Bun will start an HTTP server")',
} as const;

/** Bun flags that take a value as the next word (`--preload ./setup.ts`), so that word is no entry file. */
const FLAGS_WITH_VALUE = new Set(['--preload', '-r', '--require', '--cwd', '--env-file', '--config', '-c', '--port', '--tsconfig-override', '--conditions', '--main-fields']);

/** The source files a script line runs with bun (`bun run --hot index.ts`, `bun src/server.ts`): the entry files Bun may serve. */
export function bunRunsFiles(line: string): string[] {
  const out: string[] = [];
  for (const words of commandsOf(line)) {
    const at = words.indexOf('bun');
    if (at < 0) continue;
    let i = at + 1;
    if (words[i] === 'run') i++;
    for (; i < words.length; i++) {
      const w = words[i];
      if (FLAGS_WITH_VALUE.has(w)) { i++; continue; }
      if (w.startsWith('-')) continue;
      // The first word after the flags: a file when it has a source extension, else a script or a subcommand (`bun test`, `bun db:migrate`).
      if (/\.[cm]?[jt]sx?$/.test(w)) out.push(w.replace(/^\.\//, ''));
      break;
    }
  }
  return out;
}
