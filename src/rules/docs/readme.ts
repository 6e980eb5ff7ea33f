import { defineRepoRule } from '../api.js';

const README = /^README(\.(md|markdown|mdx|rst|txt|adoc))?$/i;
/** Below this many characters of prose (headings and badges removed), a README explains nothing. */
const STUB_CHARS = 150;

/** The prose of a README: no headings, badges, HTML comments or blank lines. */
function prose(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '').split('\n')
    .filter((l) => !/^\s*(#|=+\s*$|-+\s*$|\[!\[|!\[)/.test(l)).join(' ').replace(/\s+/g, ' ').trim();
}

export default defineRepoRule({
  id: 'docs/readme',
  meta: {
    category: 'docs',
    severity: 'low',
    title: 'README present and more than a stub',
    rationale: 'The README is where an on-call engineer starts: what the service does, how to run, test and deploy it.',
    remediation: { text: 'Write a README: purpose, how to run locally, configuration (env vars), tests, deployment, and where the runbooks are.', effort: 'low' },
    messages: {
      noReadme: 'no README at the repository root',
      stub: '{{path}} is a stub: {{chars}} characters of text besides headings and badges',
    },
  },
  check(ctx) {
    const file = ctx.layout.files.find((f) => README.test(f.path));
    if (!file) {
      ctx.report({ messageId: 'noReadme', evidence: [{ kind: 'figure', name: 'files at the root', value: ctx.layout.files.filter((f) => !f.path.includes('/')).length }] });
      ctx.pass('looked for README, README.md, README.rst, ... at the root');
      return;
    }
    // Every README form is kept as a document (see DOCUMENT in audit.ts); a binary or unreadable one is not.
    const text = ctx.documents.get(file.path);
    if (text === undefined) {
      ctx.unknown(`${file.path} could not be read as text`);
      return;
    }
    const chars = prose(text).length;
    if (chars < STUB_CHARS) {
      ctx.report({
        messageId: 'stub',
        data: { path: file.path, chars },
        location: { path: file.path, line: 1 },
        evidence: [{ kind: 'figure', name: 'characters of prose', value: chars }],
      });
    }
    ctx.pass(`${file.path}: ${chars} characters of prose`);
  },
});
