// CI workflows (GitHub Actions, GitLab CI) read from the kept documents into `inventory.workflows`.
// Parsed once per run and shared by every ci rule.
import type { LineCounter } from 'yaml';
import type { CheckKind, Workflow, WorkflowJob, WorkflowStep } from '../../model/workflows.js';
import type { RepoRuleContext } from '../api.js';
import { pushTo } from '../../util/group.js';
import { isMap, isPair, isScalar, isSeq, yaml, type YamlNode, type YAMLMap } from '../../util/yaml.js';
import { deployActionOf, deployCommandOf } from '../../knowledge/index.js';

const CHECKS: Array<[CheckKind, RegExp]> = [
  ['install', /\bnpm\s+ci\b|\bnpm\s+clean-install\b|\bpnpm\s+(i|install)\b|--frozen-lockfile|--immutable\b|\byarn\s+install\b|^\s*yarn\s*$|\bbun\s+(i|install)\s+--frozen-lockfile/m],
  ['typecheck', /\b(vue-)?tsc\b|\btsgo\b|\btype-?check|\bcheck-?types\b|\bastro\s+check\b|\bsvelte-check\b|\bdeno\s+check\b/],
  ['tests', /\b(vitest|jest|mocha|ava|tap|playwright\s+test|cypress\s+run|c8|nyc)\b|\bnode\s+(--[\w-]+\s+)*--test\b|\b(npm|pnpm|yarn|bun)\s+(run\s+)?t(est)?\b|\bdeno\s+(?:task\s+)?test\b|\bwrangler\s+dev\s+--test/],
  ['lint', /\b(eslint|oxlint|biome\s+(check|lint|ci)|next\s+lint|tslint)\b|\blint(?![\w-])/],
  ['audit', /\b(npm|pnpm|yarn)\s+(npm\s+)?audit\b|\baudit-ci\b|\bbetter-npm-audit\b|\bsnyk\s+test\b|\bosv-scanner\b|\bsocket\s+(ci|scan)\b/],
  ['build', /\b(vite|next|nuxt|astro|remix|react-router)\s+build\b|\btsup\b|\btsdown\b|\besbuild\b|\brollup\b|\bwebpack\b|\btsc\s+(-b|--build|-p)\b|\bwrangler\s+(deploy|publish)\s+[^\n]*--dry-run\b|\bdocker\s+build\b|\bbuild\b/],
];

const ACTION_CHECKS: Array<[CheckKind, RegExp]> = [
  ['audit', /^(actions\/dependency-review-action|snyk\/actions|google\/osv-scanner-action|aquasecurity\/trivy-action)/],
  ['install', /^bahmutov\/npm-install/],
  ['lint', /^(github\/super-linter|super-linter\/super-linter|biomejs\/setup-biome)/],
];

/** Names of package scripts a command runs: `npm run a`, `pnpm a`, `yarn a`, `turbo run a b`, `nx run-many -t a`. */
export function scriptNames(command: string): string[] {
  const out: string[] = [];
  const pm = /\b(?:npm|pnpm|yarn|bun)\s+(?:(?:-r|--recursive|-w|--workspaces?|--if-present|-s|--silent|--filter[= ]\S+|--workspace[= ]\S+|-F\s+\S+)\s+)*(?:run(?:-script)?\s+)?([\w:.-]+)/g;
  for (const m of command.matchAll(pm)) {
    if (!['install', 'i', 'ci', 'add', 'exec', 'dlx', 'x', 'audit', 'npm', 'publish', 'config', 'set', 'cache', 'version'].includes(m[1])) out.push(m[1] === 't' ? 'test' : m[1]);
  }
  for (const m of command.matchAll(/\b(?:turbo\s+run|turbo|nx\s+run-many\s+(?:-t|--targets?))\s+((?:[\w:-]+[\s,]*)+)/g)) {
    out.push(...m[1].split(/[\s,]+/).filter((s) => s && !s.startsWith('-')));
  }
  return [...new Set(out)];
}

/** Check kinds of a shell command, with `npm run x` resolved to the script text of every package. */
export function classify(command: string, scripts: Map<string, string[]>, depth = 0): { kinds: Set<CheckKind>; resolved: string[] } {
  const kinds = new Set<CheckKind>();
  const resolved: string[] = [];
  for (const [kind, re] of CHECKS) if (re.test(command)) kinds.add(kind);
  if (deployCommandOf(command)) kinds.add('deploy');
  if (depth < 3) {
    for (const name of scriptNames(command)) {
      const texts = scripts.get(name);
      if (!texts) continue;
      for (const text of texts) {
        resolved.push(`${name}: ${text}`);
        const inner = classify(text, scripts, depth + 1);
        for (const k of inner.kinds) kinds.add(k);
      }
    }
  }
  return { kinds, resolved };
}

function str(n: unknown): string | null {
  return isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : null;
}

function get(map: unknown, key: string): YamlNode | null {
  if (!isMap(map)) return null;
  for (const item of map.items) if (isPair(item) && str(item.key) === key) return (item.value as YamlNode) ?? null;
  return null;
}

function keyOffset(map: unknown, key: string): number | null {
  if (!isMap(map)) return null;
  for (const item of map.items) if (isPair(item) && str(item.key) === key) return (item.key as YamlNode).range?.[0] ?? null;
  return null;
}

function triggersOf(on: YamlNode | null): string[] {
  if (!on) return [];
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.map(str).filter((s): s is string => !!s);
  if (isMap(on)) return on.items.filter(isPair).map((p) => str(p.key)).filter((s): s is string => !!s);
  return [];
}

/** Names in a scalar or a list (`needs: test`, `needs: [test, lint]`). */
function namesOf(n: YamlNode | null): string[] {
  if (!n) return [];
  if (isScalar(n)) return str(n) ? [str(n)!] : [];
  if (isSeq(n)) return n.items.map(str).filter((s): s is string => !!s);
  return [];
}

function pushBranchesOf(on: YamlNode | null): string[] | null {
  const push = isMap(on) ? get(on, 'push') : null;
  if (!isMap(push)) return null;
  const branches = get(push, 'branches');
  if (branches) return namesOf(branches);
  return get(push, 'tags') && !get(push, 'branches-ignore') ? [] : null;
}

function pushPathsOf(on: YamlNode | null): string[] | null {
  const push = isMap(on) ? get(on, 'push') : null;
  const paths = isMap(push) ? get(push, 'paths') : null;
  return paths ? namesOf(paths) : null;
}

function textOf(n: YamlNode | null): string | null {
  if (!n) return null;
  if (isScalar(n)) return n.value === null || n.value === undefined ? null : String(n.value);
  if (isSeq(n)) return n.items.map((i) => textOf(i as YamlNode)).filter(Boolean).join('\n');
  return null;
}

function step(node: YamlNode, lc: LineCounter, scripts: Map<string, string[]>, text: string): WorkflowStep {
  const uses = str(get(node, 'uses'));
  const runNode = get(node, 'run') ?? (isScalar(node) || isSeq(node) ? node : null);
  const run = textOf(runNode);
  const kinds = new Set<CheckKind>();
  let resolved: string[] = [];
  if (run) {
    const c = classify(run, scripts);
    for (const k of c.kinds) kinds.add(k);
    resolved = c.resolved;
  }
  if (uses) {
    for (const [kind, re] of ACTION_CHECKS) if (re.test(uses)) kinds.add(kind);
    if (deployActionOf(uses)) kinds.add('deploy');
    if (/^pnpm\/action-setup/.test(uses) && /run_install:\s*true/.test(text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0))) kinds.add('install');
  }
  const off = runNode && isScalar(runNode) && runNode !== node ? runNode.range?.[0] : node.range?.[0];
  const inputs: Record<string, string> = {};
  const w = get(node, 'with');
  if (isMap(w)) for (const p of w.items) if (isPair(p) && str(p.key)) inputs[str(p.key)!] = textOf(p.value as YamlNode) ?? '';
  return { line: lc.linePos(off ?? 0).line, name: str(get(node, 'name')), uses, run, with: inputs, kinds: [...kinds].sort(), resolved };
}

const GITLAB_RESERVED = new Set(['stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'before_script', 'after_script', 'cache', 'pages:deploy']);

function parseOne(path: string, text: string, scripts: Map<string, string[]>): Workflow {
  const platform = path.endsWith('.gitlab-ci.yml') ? 'gitlab' : 'github';
  const lc = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const base: Workflow = { path, platform, name: null, triggers: [], pushBranches: null, pushPaths: null, permissionsLine: null, jobs: [], runs: [], error: null };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { ...base, error: `${path}:${lc.linePos(e.pos[0]).line}: malformed YAML (${e.message.split('\n')[0]})` };
  }
  const root = doc.contents;
  if (!isMap(root)) return { ...base, error: `${path}: not a YAML mapping` };
  const jobs: WorkflowJob[] = [];
  const lineAtKey = (map: unknown, key: string) => lc.linePos(keyOffset(map, key) ?? 0).line;
  if (platform === 'github') {
    const jobsMap = get(root, 'jobs');
    if (isMap(jobsMap)) {
      for (const item of (jobsMap as YAMLMap).items) {
        if (!isPair(item)) continue;
        const id = str(item.key) ?? '?';
        const job = item.value;
        const env = get(job, 'environment');
        const stepsNode = get(job, 'steps');
        const steps = isSeq(stepsNode) ? stepsNode.items.map((s) => step(s as YamlNode, lc, scripts, text)) : [];
        const usesJob = str(get(job, 'uses'));
        if (usesJob) steps.push({ line: lc.linePos(get(job, 'uses')!.range?.[0] ?? 0).line, name: null, uses: usesJob, run: null, with: {}, kinds: [], resolved: [] });
        jobs.push({
          id, line: lineAtKey(jobsMap, id),
          environment: env ? (str(env) ?? str(get(env, 'name')) ?? '(set)') : null,
          permissions: get(job, 'permissions') !== null, needs: namesOf(get(job, 'needs')), steps,
        });
      }
    }
  } else {
    for (const item of root.items) {
      if (!isPair(item)) continue;
      const id = str(item.key) ?? '?';
      if (GITLAB_RESERVED.has(id) || id.startsWith('.') || !isMap(item.value)) continue;
      const job = item.value;
      const steps: WorkflowStep[] = [];
      for (const key of ['before_script', 'script']) {
        const node = get(job, key);
        if (!node) continue;
        const items = isSeq(node) ? node.items as YamlNode[] : [node];
        for (const n of items) steps.push(step(n, lc, scripts, text));
      }
      const env = get(job, 'environment');
      jobs.push({ id, line: lineAtKey(root, id), environment: env ? (str(env) ?? str(get(env, 'name')) ?? '(set)') : null, permissions: true, needs: namesOf(get(job, 'needs')), steps });
    }
  }
  const runs = new Set<CheckKind>();
  for (const j of jobs) for (const s of j.steps) for (const k of s.kinds) runs.add(k);
  const permOff = keyOffset(root, 'permissions');
  return {
    ...base,
    name: str(get(root, 'name')),
    triggers: platform === 'github' ? triggersOf(get(root, 'on') ?? get(root, 'true')) : ['gitlab'],
    pushBranches: platform === 'github' ? pushBranchesOf(get(root, 'on') ?? get(root, 'true')) : null,
    pushPaths: platform === 'github' ? pushPathsOf(get(root, 'on') ?? get(root, 'true')) : null,
    permissionsLine: permOff === null ? null : lc.linePos(permOff).line,
    jobs,
    runs: [...runs].sort(),
  };
}

/** Every workflow of the repository, parsed once per run; also stored as `inventory.workflows`. */
export function workflowsOf(ctx: RepoRuleContext): Workflow[] {
  return ctx.memo('workflows', () => parseWorkflows(ctx));
}

function parseWorkflows(ctx: RepoRuleContext): Workflow[] {
  const scripts = new Map<string, string[]>();
  for (const p of ctx.layout.packages) {
    for (const [name, text] of Object.entries(p.scripts)) pushTo(scripts, name, text);
  }
  const out: Workflow[] = [];
  for (const path of ctx.layout.workflows) {
    const text = ctx.documents.get(path);
    if (text === undefined) continue;
    out.push(parseOne(path, text, scripts));
  }
  ctx.inventory.workflows = out;
  return out;
}

/** 1-based line of the first occurrence of `needle` at or after a line in a document. */
export function lineOfText(text: string, needle: string, fromLine = 1): number | null {
  let offset = 0;
  for (let l = 1; l < fromLine; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  const i = text.indexOf(needle, offset);
  return i < 0 ? null : text.slice(0, i).split('\n').length;
}
