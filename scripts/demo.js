// The main job: audit the bundled example with planted problems and write the reports here.
// verdict exits 1 on NO-GO; that is the expected outcome for this example, not a broken install.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/verdict.js', import.meta.url));
const example = fileURLToPath(new URL('../examples/planted-service', import.meta.url));
const args = [bin, 'audit', example, '--format', 'terminal', '--format', 'markdown', '--output', 'verdict-report.md', '--format', 'json', '--output', 'verdict-report.json'];
const res = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (res.status === 0 || res.status === 1) {
  const decision = res.status === 1 ? 'NO-GO' : 'GO or GO WITH CONDITIONS';
  console.log(`\ndemo: verdict decided ${decision} for examples/planted-service (exit code ${res.status}); the example is built to fail.`);
  console.log('demo: reports written to verdict-report.md and verdict-report.json in this folder.');
  process.exit(0);
}
console.error(`demo: verdict failed with exit code ${res.status}`);
process.exit(res.status ?? 2);
