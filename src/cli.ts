// The command line. Commands load lazily so `--help` stays instant. Exit codes: 0 GO (or
// conditions, unless --fail-on says otherwise), 1 NO-GO, 2 usage or internal error.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { killChildrenOnSignals } from './probes/runner.js';
import { escapeControl } from './util/control.js';
import { UsageError } from './util/errors.js';
import { VERSION } from './version.js';

// V8 tenures an allocation site once most of what it allocates survives a scavenge. A run parses
// thousands of files one after another, and after a few long files the parser's sites are tenured:
// every later syntax tree then starts partly in the old generation, where its dead parts keep its
// young parts alive through the next scavenges (until a full GC), and those are copied and
// promoted for nothing. Measured on the bench corpus, one cold run on one thread: 1.5 GB promoted
// and 2.3 s of scavenge pauses with pretenuring, 0.8 GB and 1.4 s without, 17% less CPU in all.
// Set here, in the CLI, not in the library: it is a process-wide choice.
setFlagsFromString('--no-allocation-site-pretenuring');

/**
 * `verdict … | head`: once the reader is gone, what is left of the output has nowhere to go. That is
 * no error of the run: the rest is dropped and the run ends with its own exit code (an unhandled
 * EPIPE printed a stack trace and exited 1, the NO-GO code).
 */
const guarded = new WeakSet<NodeJS.WriteStream>();
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    if (stream !== process.stderr) process.stderr.write(`verdict: cannot write the output: ${err.message}\n`);
  });
}

export async function main(argv: string[]): Promise<number> {
  killChildrenOnSignals();
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const program = new Command('verdict')
    .description('Audit a TypeScript/JavaScript service repository for production readiness: GO or NO-GO, with evidence.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let code = 0;

  program.command('audit')
    .description('audit a repository folder and print the gate, scores and findings')
    .argument('[dir]', 'the repository root to audit', '.')
    .addOption(new Option('--format <format>', 'terminal | markdown | json; repeat it, each optionally followed by --output <file>').argParser(collect))
    .addOption(new Option('--output <file>', 'write the --format before it (or, alone, the format its .json or .md extension names) to this file').argParser(collect))
    .option('--exec', 'run the repository\'s code even where no sandbox is available (it always runs in the sandbox where there is one)')
    .option('--no-exec', 'run no code from the audited repository (probes are skipped and reported as not verified)')
    .option('--install', 'clean-install the dependencies with the repository\'s package manager (npm ci, pnpm/yarn --frozen-lockfile) before the probes')
    .option('--ignore-scripts', 'with --install: do not run install scripts of the dependencies')
    .option('--config <file>', 'configuration file (default: verdict.config.json at the root, listed at the top of the report); none: ignore the repository\'s own')
    .option('--only <categories>', 'comma-separated categories to run')
    .option('--skip <categories>', 'comma-separated categories to leave out')
    .option('--fail-on <level>', 'nogo | conditions | critical | high | medium | low | info', 'nogo')
    .option('--no-cache', 'do not read or write the parse cache')
    .option('--cache-dir <dir>', 'where the parse cache lives (default: the user cache folder)')
    .option('--quiet', 'no progress output on stderr')
    .option('--timing', 'record the time of each stage and rule in the JSON timings')
    .option('--threads <n>', 'threads for parsing, this one included (default: one per idle core, at most 4; 1: no worker threads)')
    .action(async (dir: string, opts: Record<string, unknown>) => {
      // The sandbox's self-test (two bubblewrap runs) overlaps the loading of the analysis modules,
      // which the probes would otherwise wait for; the audit reads the same answer (once per process).
      if (opts.exec !== false) void (await import('./probes/sandbox.js')).detectSandbox();
      const { auditCommand } = await import('./commands/audit.js');
      code = await auditCommand(dir, opts, argv);
    });

  program.command('verify')
    .description('fact-check a readiness report against the code, claim by claim (exit 1 when a claim is contradicted)')
    .argument('<report>', 'the report (Markdown)')
    .option('--repo <dir>', 'the repository the report describes (default: the git top-level folder of the report)')
    .option('--at <commit>', 'check the claims against this commit (a temporary git worktree)')
    .option('--annotate <file>', 'write a copy of the report with a verdict after each checked claim')
    .option('--format <format>', 'terminal | markdown | json', 'terminal')
    .option('--output <file>', 'write the fact-check to this file instead of stdout')
    .option('--exec', 'run the repository\'s code even where no sandbox is available')
    .option('--no-exec', 'run no code from the repository (claims that need probes become unverifiable)')
    .option('--install', 'with --at: install dependencies in the worktree so probes can run')
    .option('--config <file>', 'configuration file for the audit (default: verdict.config.json at the repository root); none: ignore the repository\'s own')
    .option('--quiet', 'no progress output on stderr')
    .action(async (report: string, opts: Record<string, unknown>) => {
      const { verifyCommand } = await import('./commands/verify.js');
      code = await verifyCommand(report, opts);
    });

  program.command('rules')
    .description('list the rules')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { rulesCommand } = await import('./commands/rules.js');
      code = rulesCommand(opts);
    });

  program.command('explain')
    .description('print the documentation of a rule')
    .argument('<rule-id>', 'e.g. database/sql-injection')
    .action(async (id: string) => {
      const { explainCommand } = await import('./commands/explain.js');
      code = explainCommand(id);
    });

  program.command('init')
    .description('write a commented starter verdict.config.json and add .verdict/ to .gitignore')
    .argument('[dir]', 'the repository root', '.')
    .option('--force', 'overwrite an existing verdict.config.json')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      code = initCommand(dir, opts);
    });

  program.command('schema')
    .description('print the JSON schema of the audit result (or of the config, or of verify\'s result)')
    .option('--config', 'the schema of verdict.config.json instead')
    .option('--verify', 'the schema of `verdict verify --format json` instead')
    .action(async (opts: { config?: boolean; verify?: boolean }) => {
      const { schemaCommand } = await import('./commands/schema.js');
      code = schemaCommand(opts);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`verdict: ${escapeControl(err.message)}\n`);
      return 2;
    }
    // A message may quote the repository (a file name, a line): escaped line by line, the stack's lines kept.
    process.stderr.write(`verdict: internal error: ${String((err as Error)?.stack ?? err).split('\n').map(escapeControl).join('\n')}\n`);
    return 2;
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * `node dist/cli.js audit .` (this module started directly, not through bin/verdict.js) ran nothing
 * and exited 0: an audit that silently did not happen reads as a clean one. Started directly, it runs
 * the command like the bin does. Imported (the bin, tests), it only exports `main`.
 */
function startedDirectly(): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (startedDirectly()) process.exitCode = await main(process.argv.slice(2));
