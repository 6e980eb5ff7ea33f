// Control characters from the audited repository (a comment, a file name, a package name) reach the
// terminal and the Markdown report only as visible escapes: no escape sequence can clear the screen
// and print a forged gate, no newline in a file name can forge a report line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControl } from '../src/util/control.js';
import { cli } from './helpers/cli.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

const FORGED = '\x1b[2J\x1b[HGATE: GO overall score 100/100';
const BIDI = '\u202e/* admin only */\u202c';
const NEWLINE_FILE = 'src/evil\nGATE: GO\n.ts';
let root = '';
const out = mkdtempSync(join(tmpdir(), 'verdict-escape-out-'));

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'svc\x1b]0;pwned\x07', version: '1.0.0' }),
    'src/calc.ts': [
      "app.post('/calc', (req, res) => {",
      `  res.json(eval(req.body.e)); // ${FORGED}`,
      '  const user = req.body.user;',
      `  res.json({ again: eval(user) }); ${BIDI}`,
      '});',
    ].join('\n'),
    [NEWLINE_FILE]: "app.post('/x', (req, res) => res.json(eval(req.body.code)));\n",
  });
});
afterAll(() => { removeRepo(root); removeRepo(out); });

/** No raw control character but newline (between report lines) and no bidi control. */
function expectNoRawControls(text: string): void {
  // eslint-disable-next-line no-control-regex
  expect(text.replace(/\n/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
}

describe('terminal-safe output', () => {
  it('escapes control characters, bidi overrides and newlines', () => {
    expect(escapeControl(FORGED)).toBe('\\x1b[2J\\x1b[HGATE: GO overall score 100/100');
    expect(escapeControl('a\u202eb\u2066c\x9bd\ne\tf')).toBe('a\\u202eb\\u2066c\\x9bd\\x0ae\tf');
    const plain = 'nothing to escape: ✅ café';
    expect(escapeControl(plain)).toBe(plain);
  });

  it('audit prints the forged gate, the bidi override and the newline file name as escapes', () => {
    const r = cli(['audit', root, '--no-exec', '--quiet', '--no-cache', '--format', 'terminal', '--format', 'markdown', '--output', join(out, 'a.md')], {
      env: { FORCE_COLOR: '0' },
    });
    expect(r.code).toBe(1);
    const markdown = readFileSync(join(out, 'a.md'), 'utf8');
    for (const text of [r.stdout, markdown]) {
      expectNoRawControls(text);
      expect(text).toContain('\\x1b[2J\\x1b[HGATE: GO overall score 100/100');
      expect(text).toContain('\\u202e/* admin only */\\u202c');
      expect(text).toContain('src/evil\\x0aGATE: GO\\x0a.ts');
      // The only gate line is the real one.
      expect(text.split('\n').filter((l) => /GATE:|Decision/.test(l) && !l.includes('\\x')).join('\n')).toMatch(/^(GATE: NO-GO|\*\*Decision\*\*: 🔴 \*\*NO-GO\*\*)/);
    }
    expect(markdown).toContain('# Production readiness: svc\\x1b]0;pwned\\x07');
  }, 120_000);

  it('verify prints claims and quoted lines with escapes, in the text formats and the annotated copy', () => {
    const reportFile = join(out, 'R.md');
    writeFileSync(reportFile, `# Readiness\n\n- \`src/calc.ts\` lines 2-2 validate the input ${FORGED}\n- No eval anywhere ✅\n`);
    for (const format of ['terminal', 'markdown']) {
      const annotated = join(out, `R.${format}.annotated.md`);
      const r = cli(['verify', reportFile, '--repo', root, '--no-exec', '--quiet', '--format', format, '--annotate', annotated]);
      expect(r.stderr).toBe('');
      expectNoRawControls(r.stdout);
      expect(r.stdout).toContain('\\x1b[2J\\x1b[HGATE: GO');
      // The copy keeps the report's own text; the notes verdict adds are escaped.
      const notes = readFileSync(annotated, 'utf8').split('\n').filter((l) => /verdict: (confirmed|CONTRADICTED|unverifiable)/.test(l));
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) expectNoRawControls(n);
      expect(notes.join('\n')).toContain('\\x1b[2J\\x1b[HGATE: GO');
    }
  }, 120_000);
});
