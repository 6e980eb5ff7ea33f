#!/usr/bin/env node
// `npm run accuracy`: audit the accuracy corpus (accuracy/expectations/*.json) with the built verdict
// and read each result against the reviewer's written list. Per repository: recall of the expected
// items, must-not places hit, critical + high count, gate; then a pooled line, the critical + high
// findings no expectation answers (for a reviewer to class in accuracy/judgments/<name>.json), and
// pooled precision from the recorded judgments. The rules of the measurement are in accuracy-match.js.
//
//   npm run accuracy -- [--set develop|aside|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|all] [--dir <trees>] [--results <dir>] [--reuse] [--only a,b]
//
// The trees are not part of this repository: each expectation file names its fetch source and the
// pinned commit; a tree that is absent is skipped with the commands that bring it. The held-out sets
// (`aside`, then `heldout2` to `heldout10`, each written later on services never used before) run only
// when named with `--set` (or `all`): each is measured once, at the end; the default stays the develop
// set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pool, readJudgments, scoreRepo, selectExpectations, SETS } from './accuracy-match.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXPECTATIONS = join(ROOT, 'accuracy/expectations');
const JUDGMENTS = join(ROOT, 'accuracy/judgments');
const AUDIT_TIMEOUT_MS = 15 * 60_000;

function usage(message) {
  process.stderr.write(`accuracy: ${message}\nusage: npm run accuracy -- [--set develop|aside|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|all] [--dir <trees>] [--results <dir>] [--reuse] [--only name,...]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    set: 'develop',
    dir: process.env.VERDICT_ACCURACY_DIR || '/var/tmp/verdict-accuracy',
    results: process.env.VERDICT_ACCURACY_RESULTS || null,
    reuse: false,
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--set') opts.set = value();
    else if (a === '--dir') opts.dir = value();
    else if (a === '--results') opts.results = value();
    else if (a === '--reuse') opts.reuse = true;
    else if (a === '--only') opts.only = new Set(value().split(',').map((s) => s.trim()).filter(Boolean));
    else usage(`unknown option ${a}`);
  }
  if (opts.set !== 'all' && !SETS.includes(opts.set)) usage(`--set must be ${SETS.join(', ')} or all (got ${opts.set})`);
  opts.dir = resolve(opts.dir);
  opts.results = resolve(opts.results ?? join(opts.dir, '.results'));
  return opts;
}

function readJson(path, what) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${what} ${path} is not readable JSON (${err.message}): fix or remove it`);
  }
}

function loadExpectations(opts) {
  const files = readdirSync(EXPECTATIONS).filter((f) => f.endsWith('.json')).sort();
  const all = files.map((f) => {
    const e = readJson(join(EXPECTATIONS, f), 'expectation file');
    for (const field of ['name', 'set', 'source', 'commit', 'findings', 'mustNot']) {
      if (e[field] == null) throw new Error(`expectation file accuracy/expectations/${f} lacks "${field}"`);
    }
    return e;
  });
  if (opts.only) {
    const unknown = [...opts.only].filter((n) => !all.some((e) => e.name === n));
    if (unknown.length) usage(`--only names no expectation file: ${unknown.join(', ')}`);
  }
  return selectExpectations(all, opts.set, opts.only);
}

function fetchHint(e, dir) {
  const tree = join(dir, e.name);
  return [
    `  fetch ${e.source} (a bare git dir), then:`,
    `  mkdir -p ${tree} && git --git-dir=<that dir> archive ${e.commit} | tar -x -C ${tree}`,
    ...(e.fetchNote ? [`  note: ${e.fetchNote}`] : []),
  ].join('\n');
}

/** Runs the built verdict on one tree; returns the parsed JSON run, or throws with what went wrong. */
function audit(tree, out, reuse) {
  if (reuse && existsSync(out)) return readJson(out, 'earlier result');
  const bin = join(ROOT, 'bin/verdict.js');
  const res = spawnSync(process.execPath, [bin, 'audit', tree, '--no-exec', '--format', 'json', '--output', out, '--quiet'], {
    stdio: ['ignore', 'ignore', 'pipe'], timeout: AUDIT_TIMEOUT_MS, encoding: 'utf8',
  });
  // 0: GO or GO_WITH_CONDITIONS, 1: NO_GO; anything else is verdict failing on this tree.
  if (res.status !== 0 && res.status !== 1) {
    const why = res.error ? res.error.message : `exit code ${res.status}${res.signal ? `, signal ${res.signal}` : ''}`;
    throw new Error(`verdict failed on ${tree} (${why}): ${(res.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  }
  return readJson(out, 'verdict result');
}

const pct = (n, d) => (d === 0 ? '  n/a' : `${Math.round((100 * n) / d).toString().padStart(4)}%`);
const where = (f) => (f.location ? `${f.location.path}:${f.location.line}` : `(repo${f.package ? `: ${f.package}` : ''})`);

function printTable(scores) {
  const w = Math.max(8, ...scores.map((s) => s.name.length));
  console.log(`\n${'repo'.padEnd(w)}  recall        must-not hits  crit+high  judged true/false/unjudged  gate`);
  for (const s of scores) {
    console.log(`${s.name.padEnd(w)}  ${`${s.matched}/${s.total}`.padStart(5)} ${pct(s.matched, s.total)}   ${`${s.mustNotHits.length}/${s.mustNotTotal}`.padStart(6)}         ${String(s.blocking.length).padStart(5)}      ${`${s.judged.true}/${s.judged.false}/${s.judged.unjudged}`.padStart(12)}                ${s.gate}`);
  }
  const p = pool(scores);
  console.log(`${'pooled'.padEnd(w)}  ${`${p.matched}/${p.total}`.padStart(5)} ${pct(p.matched, p.total)}   ${`${p.mustNotHits}/${p.mustNotTotal}`.padStart(6)}         ${String(p.blocking).padStart(5)}      ${`${p.judgedTrue}/${p.judgedFalse}/${p.unjudged}`.padStart(12)}`);
  const precision = p.precision == null ? 'n/a (no critical or high finding)' : `${pct(p.judgedTrue, p.blocking).trim()} (${p.judgedTrue} judged true of ${p.blocking}; ${p.unjudged} unjudged, counted as not true)`;
  console.log(`\ncritical+high precision: ${precision}`);
}

function printDetails(scores) {
  for (const s of scores) {
    const lines = [];
    for (const m of s.mustNotHits) {
      lines.push(`  MUST-NOT ${m.place.path}:${m.place.line} (${m.place.reason})`);
      for (const f of m.by) lines.push(`      hit by ${f.severity} ${f.ruleId} at ${where(f)}`);
    }
    for (const c of s.blocking.filter((b) => b.judgment === 'unjudged')) {
      lines.push(`  UNJUDGED ${c.finding.severity} ${c.finding.ruleId} ${where(c.finding)}${c.expected ? ' [answers an expected item]' : ''}: ${(c.finding.message ?? '').slice(0, 140)}`);
      lines.push(`      key: ${c.key}`);
    }
    for (const item of s.missed) {
      lines.push(`  missed   ${item.path ? `${item.path}:${item.line}` : `(repo, ${item.category})`} ${item.severity}: ${item.reason}`);
    }
    if (lines.length) console.log(`\n${s.name}\n${lines.join('\n')}`);
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/cli.js'))) usage('dist/cli.js is missing: run `npm run build` first');
  const expectations = loadExpectations(opts);
  if (expectations.length === 0) usage(`no expectation file in set "${opts.set}"`);
  mkdirSync(opts.results, { recursive: true });
  console.log(`accuracy: set ${opts.set}, ${expectations.length} service(s), trees in ${opts.dir}, results in ${opts.results}`);
  const scores = [];
  const failed = [];
  for (const e of expectations) {
    const tree = join(opts.dir, e.name);
    if (!existsSync(tree)) {
      console.log(`skip ${e.name}: no tree at ${tree}\n${fetchHint(e, opts.dir)}`);
      continue;
    }
    const started = Date.now();
    try {
      const run = audit(tree, join(opts.results, `${e.name}.json`), opts.reuse);
      const judgmentsFile = join(JUDGMENTS, `${e.name}.json`);
      const judgments = existsSync(judgmentsFile) ? readJudgments(readJson(judgmentsFile, 'judgments file'), `accuracy/judgments/${e.name}.json`) : new Map();
      scores.push(scoreRepo(e, run, judgments));
      console.log(`audited ${e.name} (${e.commit.slice(0, 12)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed.push(e.name);
      console.log(`FAILED ${e.name}: ${err.message}`);
    }
  }
  if (scores.length === 0) {
    console.log('\naccuracy: no tree was present; nothing measured.');
    process.exit(failed.length ? 1 : 0);
  }
  printTable(scores);
  printDetails(scores);
  console.log(`\nClass each UNJUDGED finding in accuracy/judgments/<name>.json: {"judgments":[{"ruleId","path","line","verdict":true|false|"debatable","note"}]} (path "" and "package" for a repository-level one); then rerun with --reuse.`);
  if (failed.length) {
    console.log(`\naccuracy: verdict failed on ${failed.join(', ')}`);
    process.exit(1);
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`accuracy: ${err.message}\n`);
  process.exit(2);
}

