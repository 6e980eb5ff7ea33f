// Which Dockerfile builds the image that ships, and what its final stage is. A Dockerfile is the
// production image when a deploy configuration or a CI job builds it (fly.toml, render.yaml,
// railway, heroku.yml, the `build:` of a compose file outside development, `docker build -f`,
// docker/build-push-action), else when it is the only release Dockerfile (of the repository, or of its
// folder), else when its name says production (`Dockerfile.prod`), else when it is its folder's plain
// `Dockerfile` (what `docker build .` builds; its variants beside it are not judged). `Dockerfile.dev`, and Dockerfiles among tests, examples or
// other non-release files, never are. What cannot be decided is listed as undecided, for an unknown.
import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { commandsOf } from '../../knowledge/index.js';
import type { RepoRuleContext } from '../api.js';
import { composeFilesOf } from './compose.js';
import { DOCKERFILE, instructionsOf, NON_RELEASE_DOCKERFILE, type Instruction } from './dockerfiles.js';
import { workflowsOf } from './workflows.js';

export interface Stage { name: string | null; base: string; line: number; body: Instruction[] }

export interface FinalImage {
  /** The stages the final image is built from, the external base's stage first, the final stage last. */
  chain: Stage[];
  /** The external image the chain starts from, build arguments with defaults substituted (`node:18-alpine`). */
  base: string;
  baseLine: number;
}

/** The stages of a Dockerfile, and the global ARG defaults (before the first FROM). */
export function stagesOf(all: readonly Instruction[]): { stages: Stage[]; args: Map<string, string> } {
  const stages: Stage[] = [];
  const args = new Map<string, string>();
  for (const ins of all) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? (words[as + 1] ?? '').toLowerCase() : null, base: words[0] ?? '', line: ins.line, body: [] });
    } else if (stages.length > 0) stages[stages.length - 1].body.push(ins);
    else if (ins.keyword === 'ARG') {
      const m = /^([\w.-]+)=("?)([^"\s]*)\2$/.exec(ins.args.trim());
      if (m) args.set(m[1], m[3]);
    }
  }
  return { stages, args };
}

/** `${NODE_VERSION}` and `$NODE_VERSION` replaced by the global ARG defaults; null when one has no default. */
function substitute(text: string, args: ReadonlyMap<string, string>): string | null {
  let unresolved = false;
  const out = text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_m, a: string | undefined, dflt: string | undefined, b: string | undefined) => {
    const v = args.get((a ?? b)!) ?? dflt;
    if (v === undefined) unresolved = true;
    return v ?? '';
  });
  return unresolved ? null : out;
}

/** The final image of a Dockerfile: the chain of stages it derives from. Null when there is no FROM. */
export function finalImageOf(text: string): FinalImage | null {
  const { stages, args } = stagesOf(instructionsOf(text));
  if (stages.length === 0) return null;
  const chain: Stage[] = [];
  for (let i = stages.length - 1; i >= 0 && !chain.includes(stages[i]);) {
    chain.unshift(stages[i]);
    const base = stages[i].base.toLowerCase();
    i = stages.findIndex((s, j) => j < i && s.name === base);
  }
  const root = chain[0];
  return { chain, base: substitute(root.base, args) ?? root.base, baseLine: root.line };
}

/** The instructions of the final image in order: the root stage's first, the final stage's last. */
export function finalInstructions(image: FinalImage): Instruction[] {
  return image.chain.flatMap((s) => s.body);
}

export interface ProductionImage {
  path: string;
  /** Why it is the production image, for evidence. */
  why: string;
  /** The build context folder (`.` for the root). */
  context: string;
  image: FinalImage;
}

export interface ImageDecision {
  images: ProductionImage[];
  /** Release Dockerfiles of which verdict cannot say whether they are the production image. */
  undecided: string[];
  /** Release Dockerfiles found at all. */
  candidates: string[];
}

/** `weak`: named by a compose file of no known purpose, which decides only what nothing else does. */
interface Reference { dockerfile: string; context: string; where: string; weak?: true }

const clean = (p: string): string => posix.normalize(p.replace(/^\.\//, '')).replace(/^\.\/|\/$/g, '') || '.';
const join = (dir: string, p: string): string => clean(p.startsWith('/') ? p.slice(1) : posix.join(dir, p));

/** A `docker build` / `docker buildx build` command's Dockerfile and context. */
function fromDockerBuild(words: readonly string[], cwd: string, where: string): Reference | null {
  const d = words.indexOf('docker');
  if (d < 0) return null;
  const rest = words.slice(d + 1);
  const build = rest[0] === 'build' ? 1 : rest[0] === 'buildx' && rest[1] === 'build' ? 2 : rest[0] === 'image' && rest[1] === 'build' ? 2 : 0;
  if (build === 0) return null;
  let file: string | null = null;
  let context: string | null = null;
  const args = rest.slice(build);
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === '-f' || w === '--file') file = args[++i] ?? null;
    else if (w.startsWith('--file=')) file = w.slice(7);
    else if (/^(-t|--tag|--build-arg|--target|--platform|--secret|--cache-from|--cache-to|-o|--output|--label|--network|--progress|--builder)$/.test(w)) i++;
    else if (!w.startsWith('-') && context === null) context = w;
  }
  if (context === null || /^https?:|^git@|^-$/.test(context)) return null;
  const ctxDir = join(cwd, context);
  return { dockerfile: file ? join(cwd, file) : join(ctxDir, 'Dockerfile'), context: ctxDir, where };
}

/** The Dockerfiles deploy configurations and CI jobs build. */
function references(ctx: RepoRuleContext): Reference[] {
  const out: Reference[] = [];
  for (const w of workflowsOf(ctx)) {
    for (const job of w.jobs) {
      for (const s of job.steps) {
        const where = `${w.path}:${s.line}`;
        if (s.uses && /^docker\/build-push-action@/.test(s.uses)) {
          const context = clean(s.with.context ?? '.');
          out.push({ dockerfile: s.with.file ? clean(s.with.file) : join(context, 'Dockerfile'), context, where });
        }
        for (const words of commandsOf(s.run ?? '')) {
          const r = fromDockerBuild(words, '.', where);
          if (r) out.push(r);
        }
      }
    }
  }
  for (const [path, text] of ctx.documents) {
    const dir = posix.dirname(path);
    const base = posix.basename(path);
    try {
      if (base === 'fly.toml') {
        const build = (parseToml(text) as { build?: { dockerfile?: unknown; image?: unknown } }).build;
        if (typeof build?.image === 'string') continue;
        const file = typeof build?.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
        out.push({ dockerfile: join(dir, file), context: dir, where: path });
      } else if (/^render\.ya?ml$/.test(base)) {
        const doc = parseYaml(text) as { services?: Array<Record<string, unknown>> } | null;
        for (const s of doc?.services ?? []) {
          const docker = s.runtime === 'docker' || s.env === 'docker';
          if (!docker && typeof s.dockerfilePath !== 'string') continue;
          const root = typeof s.rootDir === 'string' ? join(dir, s.rootDir) : dir;
          const context = typeof s.dockerContext === 'string' ? join(dir, s.dockerContext) : root;
          out.push({ dockerfile: typeof s.dockerfilePath === 'string' ? join(dir, s.dockerfilePath) : join(root, 'Dockerfile'), context, where: path });
        }
      } else if (base === 'railway.json' || base === 'railway.toml') {
        const doc = (base === 'railway.json' ? JSON.parse(text) : parseToml(text)) as { build?: { dockerfilePath?: unknown } };
        if (typeof doc.build?.dockerfilePath === 'string') out.push({ dockerfile: join(dir, doc.build.dockerfilePath), context: dir, where: path });
      } else if (base === 'heroku.yml') {
        const doc = parseYaml(text) as { build?: { docker?: Record<string, unknown> } } | null;
        for (const f of Object.values(doc?.build?.docker ?? {})) if (typeof f === 'string') out.push({ dockerfile: join(dir, f), context: dir, where: path });
      } else if (/\.ya?ml$/.test(base) && ['service', 'config'].includes(ctx.layout.roles.of(path))) {
        for (const words of commandsOf(text)) {
          // A deploy script in YAML (GitLab CI, Cloud Build) that builds with docker.
          const r = /gitlab-ci|cloudbuild|pipeline|deploy/i.test(path) ? fromDockerBuild(words, '.', path) : null;
          if (r) out.push(r);
        }
      }
    } catch {
      // A file that does not parse names no Dockerfile verdict can read.
    }
  }
  // The images a compose file outside development builds. One of no known purpose may run development
  // tools (a mail catcher, a docs server): it only decides among Dockerfiles nothing else decides.
  for (const file of composeFilesOf(ctx)) {
    if (file.purpose === 'development') continue;
    const dir = posix.dirname(file.path);
    for (const s of file.services) {
      if (!s.build) continue;
      const context = join(dir, s.build.context);
      out.push({ dockerfile: join(context, s.build.dockerfile ?? 'Dockerfile'), context, where: `${file.path} service ${s.name} (${file.purpose}: ${file.why})`, ...(file.purpose === 'production' ? {} : { weak: true as const }) });
    }
  }
  return out;
}

/** The repository's production images (memoised per run). */
export function productionImages(ctx: RepoRuleContext): ImageDecision {
  return ctx.memo('production-images', () => {
    const candidates = [...ctx.documents.keys()].filter((p) => DOCKERFILE.test(p) && !NON_RELEASE_DOCKERFILE.test(posix.basename(p))
      && ['service', 'config'].includes(ctx.layout.roles.of(p))).sort();
    const images: ProductionImage[] = [];
    const undecided: string[] = [];
    const add = (path: string, why: string, context: string): void => {
      const image = finalImageOf(ctx.documents.get(path) ?? '');
      if (image) images.push({ path, why, context, image });
    };
    const all = references(ctx);
    const refs = all.filter((r) => !r.weak);
    const referenced = candidates.filter((p) => refs.some((r) => r.dockerfile === p));
    if (referenced.length > 0) {
      for (const p of referenced) {
        const r = refs.find((x) => x.dockerfile === p)!;
        add(p, `${r.where} builds it`, r.context);
      }
      return { images, undecided, candidates };
    }
    if (candidates.length === 1) {
      add(candidates[0], 'the only release Dockerfile of the repository', posix.dirname(candidates[0]));
      return { images, undecided, candidates };
    }
    const prodNamed = candidates.filter((p) => /(^|[./_-])(prod|production|release)([./_-]|$)/i.test(posix.basename(p)));
    const byDir = new Map<string, string[]>();
    for (const p of candidates) byDir.set(posix.dirname(p), [...(byDir.get(posix.dirname(p)) ?? []), p]);
    const folder = (dir: string) => (dir === '.' ? 'the root folder' : `${dir}/`);
    for (const p of candidates) {
      const dir = posix.dirname(p);
      const siblings = byDir.get(dir)!;
      if (prodNamed.includes(p)) add(p, 'its name says production', dir);
      else if (prodNamed.some((q) => posix.dirname(q) === dir)) continue; // a sibling is the production one
      else if (siblings.length === 1) add(p, `the only release Dockerfile of ${folder(dir)} (no deploy configuration or CI job names one)`, dir);
      // `docker build .` and the platforms build the folder's plain `Dockerfile`; its variants (`Dockerfile.alpine`, `docs.Dockerfile`) are not the default.
      else if (posix.basename(p) === 'Dockerfile') add(p, `the default Dockerfile of ${folder(dir)}, what \`docker build\` builds (no deploy configuration or CI job names one)`, dir);
      else if (siblings.some((q) => posix.basename(q) === 'Dockerfile')) continue;
      else {
        const weak = all.find((r) => r.weak && r.dockerfile === p);
        if (weak) add(p, `${weak.where} builds it`, weak.context);
        else undecided.push(p);
      }
    }
    return { images, undecided, candidates };
  });
}
