import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './command-injection.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'constant commands, own paths, argument arrays, a database exec',
      path: 'src/ok.ts',
      code: [
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
        'db.exec(`DELETE FROM t WHERE id = ${id}`);',
      ].join('\n'),
    },
    { name: 'scripts are not judged', path: 'scripts/release.ts', code: "import { execSync } from 'child_process';\nexecSync(`git tag ${version}`);\n" },
  ],
  invalid: [
    {
      name: 'critical for request input, high for caller values, medium otherwise',
      path: 'src/routes.ts',
      code: [
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
      errors: [
        { messageId: 'requestInput', line: 6, severity: 'critical', data: { fn: 'exec' } },
        { messageId: 'callerValues', line: 8, severity: 'high', data: { fn: 'execSync' } },
        { messageId: 'callerValues', line: 11, severity: 'high', data: { fn: 'run' } },
        { messageId: 'nonConstant', line: 14, severity: 'medium', data: { fn: 'exec' } },
      ],
    },
    {
      // A maintainer's tool run as `node extra/rebase-pr.js <branch>`: the caller's values, not request input.
      name: 'a command built from process.argv is high',
      path: 'extra/rebase-pr.js',
      code: [
        "const { execSync } = require('child_process');",
        'async function main() {',
        '  const branch = process.argv[2];',
        '  const id = execSync(`git rev-parse origin/${branch}`).toString().trim();',
        '  execSync(`git rebase --onto ${id} HEAD~1`);',
        '  const host = os.hostname();',
        '  execSync(`ping -c 1 ${host}`);',
        '}',
      ].join('\n'),
      errors: [
        { messageId: 'commandLine', line: 4, severity: 'high', data: { fn: 'execSync', parts: 'branch' } },
        // Followed through `id`'s initializer, which interpolates `branch`.
        { messageId: 'commandLine', line: 5, severity: 'high', data: { fn: 'execSync', parts: 'id' } },
        { messageId: 'nonConstant', line: 7, severity: 'medium', data: { fn: 'execSync', parts: 'host' } },
      ],
    },
  ],
});
