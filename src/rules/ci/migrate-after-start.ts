import { commandsOf, datastoreImageOf, migrationCommandOf, serviceStartOf } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { shellScriptLines } from '../shared/start-commands.js';
import { lineOfText, workflowsOf } from '../shared/workflows.js';

interface Line { line: number; text: string }

/** A command that starts the service's own containers or processes: not only named datastore services, not a datastore image. */
function startsService(words: string[]): boolean {
  const text = words.join(' ');
  if (!serviceStartOf(text)) return false;
  const up = words.indexOf('up');
  // `docker compose up` / `docker-compose up` by the command's words, not by a substring of the line.
  if (up >= 0 && words.slice(0, up).some((w) => w === 'docker-compose' || w === 'compose')) {
    // `docker compose up -d db`: only the named services start; which is the application is not known here.
    return words.slice(up + 1).every((w) => w.startsWith('-'));
  }
  const run = words.indexOf('run');
  if (run >= 0 && words[run - 1] === 'docker') {
    const image = words.slice(run + 1).find((w, i, a) => !w.startsWith('-') && !/^(-[a-z]|--name|--network|-p|-e|-v|--env-file)$/.test(a[i - 1] ?? ''));
    return image !== undefined && datastoreImageOf(image) === null;
  }
  return true;
}

/** The first migration run after the first start of the service, in order; null when none. */
function migrateAfterStart(lines: readonly Line[]): { start: Line; migrate: Line; name: string } | null {
  let start: Line | null = null;
  for (const l of lines) {
    for (const words of commandsOf(l.text.replace(/["']/g, ' '))) {
      const text = words.join(' ');
      const name = migrationCommandOf(text);
      if (start && name) return { start, migrate: l, name };
      if (!start && startsService(words)) start = l;
    }
  }
  return null;
}

const linesOf = (text: string, first: number): Line[] => shellScriptLines(text).map((l) => ({ line: first + l.line - 1, text: l.text }));

export default defineRepoRule({
  id: 'ci/migrate-after-start',
  meta: {
    category: 'ci',
    severity: 'medium',
    title: 'The deploy starts the new version before it migrates the database',
    rationale: 'Containers or processes started before the migration run the new code against the old schema: requests fail on missing columns or tables until the migration finishes, and if it fails the new version keeps serving against a schema it does not match.',
    remediation: { text: 'Run the migration first, in a one-off container of the new image (`docker compose run --rm api npx prisma migrate deploy`), and start the new containers only when it succeeds.', effort: 'low' },
    messages: {
      migrateAfterStart: '{{where}} runs `{{migration}}` (line {{migrateLine}}) after `{{start}}` (line {{startLine}}) started the new version: it serves on the old schema until the migration ends',
    },
  },
  check(ctx) {
    const sources: Array<{ path: string; where: string; lines: Line[] }> = [];
    for (const w of workflowsOf(ctx).filter((x) => !x.error)) {
      for (const j of w.jobs) {
        for (const s of j.steps) {
          const text = s.run ?? s.with.script ?? null;
          const doc = ctx.documents.get(w.path) ?? '';
          // Each line where the workflow file holds it (a block scalar, an action's `script:` input).
          if (text) sources.push({ path: w.path, where: `${w.path} job "${j.id}"`, lines: linesOf(text, 1).map((l) => ({ ...l, line: lineOfText(doc, l.text, s.line) ?? s.line })) });
        }
      }
    }
    for (const [path, text] of ctx.documents) {
      if (!path.endsWith('.sh') || !['service', 'config', 'script'].includes(ctx.layout.roles.of(path))) continue;
      sources.push({ path, where: path, lines: linesOf(text, 1) });
    }
    if (sources.length === 0) return ctx.notApplicable('no workflow step or shell script to read');
    for (const src of sources) {
      const hit = migrateAfterStart(src.lines);
      if (!hit) continue;
      ctx.report({
        messageId: 'migrateAfterStart',
        data: { where: src.where, migration: hit.migrate.text, migrateLine: hit.migrate.line, start: hit.start.text, startLine: hit.start.line },
        location: { path: src.path, line: hit.migrate.line, snippet: hit.migrate.text },
        evidence: [{ kind: 'file', path: src.path, line: hit.start.line, snippet: hit.start.text }, { kind: 'file', path: src.path, line: hit.migrate.line, snippet: hit.migrate.text }],
      });
    }
    ctx.pass(`${sources.length} workflow step(s) and shell script(s) read`);
  },
});
