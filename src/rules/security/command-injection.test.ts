import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './command-injection.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/command-injection', () => {
  it('stays silent on constant commands, argument arrays and scripts', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import { exec, execFile, execSync, spawn } from 'node:child_process';",
        "const DIR = '/var/app';",
        "execSync('git rev-parse HEAD');",
        'execSync(`ls ${DIR}`);',
        "execSync(`node ${join(__dirname, 'bin', 'tool.js')} --check`);",
        "execFile('git', ['log', ref], cb);",
        "spawn('convert', [input, output]);",
        'exec(cmd, cb);',
        'const scriptName = path.basename(__filename);',
        'const scriptPath = path.join(process.cwd(), "build", `scripts/${scriptName}`);',
        'execSync(`node ${scriptPath}`);',
        'const port = Number(process.env.PORT);',
        'exec(`lsof -ti:${port}`);',
        "db.exec(`DELETE FROM t WHERE id = ${id}`);",
      ].join('\n'),
      'scripts/release.ts': "import { execSync } from 'child_process';\nexecSync(`git tag ${version}`);\n",
    });
    expect(findings).toEqual([]);
  });

  it('reports exec/execSync with interpolated values: critical for request input, high for caller values, medium otherwise', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/routes.ts': [
        "import { exec, execSync } from 'node:child_process';",
        "import cp from 'child_process';",
        "import { promisify } from 'node:util';",
        'const run = promisify(cp.exec);',
        "app.get('/ping', (req, res) => {",
        '  exec(`ping -c 1 ${req.query.host}`, (err, out) => res.send(out));',
        '});',
        'export const convert = (file: string) => execSync("convert " + file + " out.png");',
        'export async function thumb(name: string) {',
        '  const cmd = `magick ${name} -resize 100 thumb.png`;',
        '  await run(cmd);',
        '}',
        'const host = os.hostname();',
        'exec(`ping -c 1 ${host}`);',
      ].join('\n'),
    });
    expect(at(findings).map((a, i) => `${a} ${findings[i].severity}`).sort()).toEqual([
      'src/routes.ts:11 high', 'src/routes.ts:14 medium', 'src/routes.ts:6 critical', 'src/routes.ts:8 high',
    ]);
  });

  it('rates a command built from process.argv high, as the caller\'s values, not request input', async () => {
    // uptime-kuma's extra/rebase-pr.js: a maintainer's tool run as `node extra/rebase-pr.js <branch>`.
    const findings = await runRule(rule, {
      ...pkg,
      'extra/rebase-pr.js': [
        "const { execSync } = require('child_process');",
        'async function main() {',
        '  const branch = process.argv[2];',
        '  const id = execSync(`git rev-parse origin/${branch}`).toString().trim();',
        '  execSync(`git rebase --onto ${id} HEAD~1`);',
        '  const host = os.hostname();',
        '  execSync(`ping -c 1 ${host}`);',
        '}',
      ].join('\n'),
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.message}`)).toEqual([
      "extra/rebase-pr.js:4 high execSync() runs a shell command built from the command line's arguments (branch)",
      // Followed through `id`'s initializer, which interpolates `branch`.
      "extra/rebase-pr.js:5 high execSync() runs a shell command built from the command line's arguments (id)",
      'extra/rebase-pr.js:7 medium execSync() runs a shell command built from non-constant values (host)',
    ]);
  });
});
