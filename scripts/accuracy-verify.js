#!/usr/bin/env node
// `npm run accuracy:verify`: how often `verdict verify --no-exec` agrees with a hand adjudication of
// the same readiness report (accuracy/verify/<id>.json, see accuracy/verify/README.md).
// For each adjudication whose repository tree is present under $VERDICT_VERIFY_TREES (default
// /var/tmp/verdict-verify/<tree>), runs the built CLI on the report and matches its verdicts by report
// line (scripts/accuracy-verify-match.js). Prints right / wrong / unverifiable / missed per report,
// the facts that got more than one verdict, and the ✅ that name no file or command as evidence.
// Trees that are absent are skipped with the command that fetches them. Needs `npm run build` first.
//   --json <file>   also write the per-claim rows and totals as JSON
//   --only <id,...> score only these adjudications
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { score } from './accuracy-verify-match.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ADJUDICATIONS = join(ROOT, 'accuracy', 'verify');
const TREES = resolve(process.env.VERDICT_VERIFY_TREES ?? '/var/tmp/verdict-verify');

function parseArgs(argv) {
  const opts = { json: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = argv[++i];
    else if (a === '--only') opts.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else {
      console.error(`accuracy:verify: unknown option "${a}" (options: --json <file>, --only <id,...>)`);
      process.exit(2);
    }
  }
  return opts;
}

function loadAdjudications(only) {
  const files = readdirSync(ADJUDICATIONS).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => {
    const path = join(ADJUDICATIONS, f);
    let adj;
    try {
      adj = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`${path}: not valid JSON (${e.message}); fix the file`);
    }
    for (const key of ['report', 'repo', 'commit', 'tree', 'claims']) {
      if (adj[key] === undefined) throw new Error(`${path}: missing "${key}" (see accuracy/verify/README.md)`);
    }
    return adj;
  }).filter((adj) => !only || only.has(adj.report));
}

function fetchHint(adj) {
  const dir = join(TREES, adj.tree);
  return `fetch github:${adj.repo}${adj.branch ? ` (branch ${adj.branch})` : ''}, then `
    + `mkdir -p ${dir} && git --git-dir=<mirror> archive ${adj.commit} | tar -x -C ${dir}`;
}

function runVerify(reportFile, tree) {
  const scratch = mkdtempSync(join(tmpdir(), 'verdict-accuracy-verify-'));
  const out = join(scratch, 'verify.json');
  try {
    const res = spawnSync(process.execPath, [
      join(ROOT, 'bin', 'verdict.js'), 'verify', reportFile,
      '--repo', tree, '--no-exec', '--format', 'json', '--output', out, '--quiet', '--config', 'none',
    ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // verify exits 1 when a claim is contradicted: that is a result, not a failure.
    if (!existsSync(out)) {
      throw new Error(`verdict verify wrote no result (exit ${res.status}${res.signal ? `, ${res.signal}` : ''}): ${(res.stderr || '').trim().slice(-800)}`);
    }
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function pct(n, d) {
  return d === 0 ? '-' : `${Math.round((100 * n) / d)}%`;
}

function pad(s, n) {
  s = String(s);
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.error('accuracy:verify: dist/ is missing; run `npm run build` first');
    process.exit(2);
  }
  const results = [];
  for (const adj of loadAdjudications(opts.only)) {
    const tree = join(TREES, adj.tree);
    const reportFile = adj.reportFile ? join(ROOT, adj.reportFile) : join(tree, adj.reportPath);
    if (!existsSync(tree) || !existsSync(reportFile)) {
      console.log(`skip ${adj.report}: ${existsSync(tree) ? `report ${reportFile} not found` : `tree ${tree} not present`}; ${fetchHint(adj)}`);
      continue;
    }
    const t0 = Date.now();
    const verifyResult = runVerify(reportFile, tree);
    const s = score(adj, verifyResult);
    results.push({ report: adj.report, repo: adj.repo, commit: adj.commit, ms: Date.now() - t0, verifyClaims: verifyResult.claims.length, ...s });
  }
  if (results.length === 0) {
    console.log('accuracy:verify: no tree present; nothing measured');
    return;
  }

  const header = ['report', 'claims', 'decidable', 'right', 'wrong', 'unverif.', 'missed', 'undecid. right', 'all right', '2 verdicts', '✅+❌', '✅ no evid.'];
  const widths = [28, 7, 10, 12, 6, 9, 7, 15, 10, 11, 6, 12];
  console.log(header.map((h, i) => pad(h, widths[i])).join(''));
  const sum = { claims: 0, decidable: 0, decidableRight: 0, wrong: 0, unverifiable: 0, missed: 0, undecidable: 0, undecidableRight: 0, right: 0, split: 0, conflict: 0, unevidenced: 0, confirmed: 0 };
  for (const r of results) {
    const t = r.totals;
    const decWrong = r.rows.filter((x) => (x.truth === 'true' || x.truth === 'false') && x.outcome === 'wrong').length;
    const decUnv = r.rows.filter((x) => (x.truth === 'true' || x.truth === 'false') && x.outcome === 'unverifiable').length;
    const decMissed = r.rows.filter((x) => (x.truth === 'true' || x.truth === 'false') && x.outcome === 'missed').length;
    console.log([
      r.report, t.claims, t.decidable, `${t.decidableRight} (${pct(t.decidableRight, t.decidable)})`, decWrong, decUnv, decMissed,
      `${t.undecidableRight}/${t.undecidable}`, `${t.right}/${t.claims - r.rows.filter((x) => x.outcome === 'skipped').length}`,
      r.splitFacts.length, r.splitFacts.filter((f) => f.conflict).length, `${r.confirmedWithoutEvidence.length}/${r.confirmedTotal}`,
    ].map((c, i) => pad(c, widths[i])).join(''));
    sum.claims += t.claims; sum.decidable += t.decidable; sum.decidableRight += t.decidableRight;
    sum.wrong += decWrong; sum.unverifiable += decUnv; sum.missed += decMissed;
    sum.undecidable += t.undecidable; sum.undecidableRight += t.undecidableRight; sum.right += t.right;
    sum.split += r.splitFacts.length; sum.conflict += r.splitFacts.filter((f) => f.conflict).length; sum.unevidenced += r.confirmedWithoutEvidence.length; sum.confirmed += r.confirmedTotal;
  }
  console.log([
    'total', sum.claims, sum.decidable, `${sum.decidableRight} (${pct(sum.decidableRight, sum.decidable)})`, sum.wrong, sum.unverifiable, sum.missed,
    `${sum.undecidableRight}/${sum.undecidable}`, `${sum.right}/${sum.claims}`, sum.split, sum.conflict, `${sum.unevidenced}/${sum.confirmed}`,
  ].map((c, i) => pad(c, widths[i])).join(''));
  console.log('\nright/wrong/unverif./missed: decidable claims (truth true or false); undecid. right: claims that need execution answered "unverifiable";');
  console.log('2 verdicts: facts (adjudication `fact` key) given different verdicts on different lines; ✅+❌: of those, confirmed on one line and contradicted on another;');
  console.log('✅ no evid.: confirmed claims (all of verify\'s, adjudicated or not) naming no file or command.');
  for (const r of results) {
    for (const f of r.splitFacts) {
      console.log(`  ${f.conflict ? '✅+❌' : '     '} ${r.report} fact "${f.fact}": ${Object.entries(f.lines).map(([l, v]) => `line ${l} ${v}`).join(', ')}`);
    }
  }
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ trees: TREES, results }, null, 1) + '\n');
    console.log(`\nper-claim rows written to ${opts.json}`);
  }
}

try {
  main();
} catch (e) {
  console.error(`accuracy:verify: ${e.message}`);
  process.exit(2);
}
