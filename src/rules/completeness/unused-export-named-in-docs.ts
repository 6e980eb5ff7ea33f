import { exportsOf, importsOf, moduleFacts, usesOf } from '../../collect/facts/modules.js';
import { fileRole, isTestSide } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { isDeployable } from '../shared/packages.js';

/** Names frameworks call by convention (route modules, loaders, lambda handlers). */
const FRAMEWORK_NAMES = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'loader', 'action', 'load', 'getServerSideProps',
  'getStaticProps', 'getStaticPaths', 'generateMetadata', 'generateStaticParams', 'middleware', 'handler', 'main', 'default']);
/** Words that claim the function is in use. */
const CLAIM = /\b(used|uses|using|called|calls|invoked|invokes|wired|implemented|implements|handles|handled|runs|triggered|registered|integrated|hooked|enforced|applied|added)\b|✅/i;
const DOC = /\.(md|mdx|markdown)$/i;
const HISTORY = /(^|\/)(CHANGELOG|HISTORY|CHANGES)[^/]*$/i;
/** Names too generic to tie a doc line to one function. */
const distinctive = (name: string) => name.length >= 6 && /[a-z][A-Z]|_/.test(name);

export default defineRepoRule({
  id: 'completeness/unused-export-named-in-docs',
  meta: {
    category: 'completeness',
    severity: 'medium',
    title: 'Docs say a function is used, but nothing in the repository calls it',
    rationale: 'A report or README that names a function as wired in, while nothing imports or calls it, describes a feature that does not run.',
    remediation: { text: 'Wire the function in where the docs say it is used (and test that path), or correct the docs.', effort: 'medium' },
    messages: {
      unusedButDocumented: '{{name}}() is exported but nothing in the repository imports or calls it, while {{doc}}:{{line}} says it is in use',
    },
  },
  check(ctx) {
    const records = ctx.facts(moduleFacts);
    const used = new Set<string>();
    for (const i of importsOf(records)) for (const n of i.names) used.add(n);
    for (const u of usesOf(records)) for (const n of u.names) used.add(n);
    const exportsAll = exportsOf(records);
    for (const e of exportsAll) if (e.kind === 'reexport') used.add(e.name);
    const docs = [...ctx.documents].filter(([p]) => DOC.test(p) && !HISTORY.test(p) && !isTestSide(fileRole(p)))
      .map(([path, text]) => ({ path, text, lines: null as string[] | null }));
    const candidates = exportsAll.filter((e) => e.kind === 'function' && !used.has(e.name) && !FRAMEWORK_NAMES.has(e.name) && distinctive(e.name)
      && fileRole(e.path) === 'service');
    const deployable = new Set(ctx.layout.packages.filter((p) => isDeployable(p, ctx.layout)).map((p) => p.name));
    let examined = 0;
    for (const e of candidates) {
      const pkg = ctx.packageOf(e.path);
      if (pkg === null || !deployable.has(pkg)) continue;
      examined++;
      let word: RegExp | null = null;
      let claim: { path: string; line: number; text: string } | null = null;
      for (const doc of docs) {
        // Most exported names appear in no doc: no regex built, no lines scanned.
        if (!doc.text.includes(e.name)) continue;
        word ??= new RegExp(`(^|[^\\w$.])${e.name.replace(/\$/g, '\\$')}(?![\\w$])`);
        const lines = (doc.lines ??= doc.text.split('\n'));
        const i = lines.findIndex((l) => word!.test(l) && CLAIM.test(l));
        if (i >= 0) {
          claim = { path: doc.path, line: i + 1, text: lines[i].trim().slice(0, 200) };
          break;
        }
      }
      if (!claim) continue;
      ctx.report({
        messageId: 'unusedButDocumented',
        data: { name: e.name, doc: claim.path, line: claim.line },
        location: { path: e.path, line: e.line, snippet: e.snippet },
        evidence: [{ kind: 'file', path: claim.path, line: claim.line, snippet: claim.text }],
      });
    }
    ctx.pass(`${examined} exported function(s) that nothing imports or calls, checked against ${docs.length} Markdown doc(s)`);
  },
});
