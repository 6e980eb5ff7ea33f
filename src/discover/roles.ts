// The role of every path, decided once for the whole tree: what the path says (util/roles.ts),
// refined by what the tree shows (a folder that holds a copy of the repository's own layout is an
// archived or staging copy; a virtualenv is vendored wherever it sits; a scaffold folder with its own
// manifest is a template), and last the user's `roles` overrides. No judging: evaluate decides what a
// role means for a finding.
import { FILE_ROLES, pathRole, ROLE_LABELS, TEMPLATE_SEGMENT, type FileRole } from '../util/roles.js';
import { globToRegExp } from '../util/glob.js';
import type { ListedTree } from './walk.js';

/** A folder whose every path has one role, and why. */
export interface RoleTree {
  path: string;
  role: FileRole;
  why: string;
  /** Files in it: for a listed tree, the ones counted and not read (a `.env` among them is read, and counted with the files). */
  files: number;
  /** Listed, not read (vendored and generated trees). */
  listedOnly: boolean;
}

/** Where a migration file stands against the last release tag: applied long ago, or still to deploy. */
export type MigrationState = 'history' | 'pending' | 'unknown';

export interface RoleInventory {
  /** Files per role; listed-only trees count their files too. */
  counts: Record<FileRole, number>;
  labels: Record<FileRole, string>;
  trees: RoleTree[];
  /** Migration files by state (empty when there is no migration file). */
  migrations: Partial<Record<MigrationState, number>>;
  /** How the migration states were decided (the tag compared against, or why they are unknown). */
  migrationBasis: string | null;
  /** The user's overrides that matched at least one path, with how many. */
  overrides: Array<{ glob: string; role: FileRole; files: number }>;
  /**
   * Per package, whether what its production entries load is known (link/unreached.ts): only then are
   * its files no entry reaches `unreached`. Absent when the link was not built.
   */
  reach?: Array<{ package: string; complete: boolean; reason: string; unreached: number; examples: string[] }>;
}

export interface ManifestCopy {
  /** Folder of the package.json, "." for the root. */
  dir: string;
  name: string | null;
  /** Declared by the workspaces: a package of the repository, not a copy of one. */
  workspace: boolean;
}

/** Folder names that say "a copy kept aside": decisive only with a manifest or a copied layout inside. */
const ASIDE_NAME = /^(?:archived?|archives|old|olds|backups?|deprecated|legacy|staging|stage|preservation|attic|obsolete|snapshots?)$/i;
/** Names that say it on their own: `hq_staging`, `api-backup`, `src.old`, `server.bak`. */
const ASIDE_SUFFIX = /^[\w.-]+(?:[_-](?:staging|backup|bak|old|archive|archived|copy)|\.(?:bak|old|orig))$/i;
const TEMPLATE_NAME = /^(?:templates?|scaffolds?|scaffolding|boilerplates?|starters?|skeletons?|blueprints?)$/i;
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
/** A copy of the layout: this many of the folder's source files exist at the same place under the root. */
const COPY_MIN = 5;
const COPY_SHARE = 0.5;
/** ...and this many of those have the same size (copies are mostly unchanged). */
const COPY_SAME_SIZE = 3;

export class RoleMap {
  private readonly byTree: RoleTree[];
  private readonly overrides: Array<{ glob: string; re: RegExp; role: FileRole }>;
  private states = new Map<string, MigrationState>();
  private basis: string | null = null;
  private readonly known = new Map<string, FileRole>();
  private unreached = new Map<string, string>();
  private reach: RoleInventory['reach'];

  constructor(trees: RoleTree[], overrides: Record<string, FileRole>) {
    // Deepest first: a virtualenv inside an archived copy is vendored.
    this.byTree = [...trees].sort((a, b) => b.path.length - a.path.length);
    this.overrides = Object.entries(overrides).map(([glob, role]) => ({ glob, re: globToRegExp(glob), role }));
  }

  get trees(): RoleTree[] {
    return [...this.byTree].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The path's role: the first matching override, else the innermost tree holding it, else its own name. */
  of(path: string): FileRole {
    let role = this.known.get(path);
    if (role !== undefined) return role;
    role = this.overrides.find((o) => o.re.test(path))?.role
      ?? this.byTree.find((t) => path.startsWith(`${t.path}/`))?.role
      ?? pathRole(path);
    // Release code by its path that no production entry loads (the user's override still wins).
    if (role === 'service' && this.unreached.has(path) && !this.overrides.some((o) => o.re.test(path))) role = 'unreached';
    this.known.set(path, role);
    return role;
  }

  /**
   * Source files the link found no production entry loads (link/unreached.ts), decided after the
   * rules ran: what evaluate and the report say of them changes, not what the rules read.
   */
  setUnreached(files: ReadonlyMap<string, string>, reach: NonNullable<RoleInventory['reach']>): void {
    this.unreached = new Map(files);
    this.reach = reach;
    this.known.clear();
  }

  /** Why a file is unreached, or null. */
  unreachedWhy(path: string): string | null {
    return this.of(path) === 'unreached' ? this.unreached.get(path) ?? null : null;
  }

  /** Migration states from git (audit asks it, through the hardened runner), keyed by path. */
  setMigrationStates(states: Map<string, MigrationState>, basis: string): void {
    this.states = states;
    this.basis = basis;
  }

  migrationState(path: string): MigrationState {
    return this.states.get(path) ?? 'unknown';
  }

  /**
   * Code and configuration that ship: the service, its configuration, and migrations still to be
   * applied (or whose state git could not tell: unknown is never a pass).
   */
  isRelease(path: string): boolean {
    const role = this.of(path);
    return role === 'service' || role === 'config' || (role === 'migration' && this.migrationState(path) !== 'history');
  }

  /** What distinguishes this map from the path-only roles: part of the parse cache's salt (facts carry roles). */
  signature(): string {
    return JSON.stringify([this.byTree.map((t) => [t.path, t.role]), this.overrides.map((o) => [o.glob, o.role])]);
  }

  /** What a repository rule's cache key sees of the roles (the rule engine hashes the layout as JSON). */
  toJSON(): unknown {
    return [this.signature(), [...this.states].sort(), this.basis];
  }

  inventory(paths: string[]): RoleInventory {
    const counts = Object.fromEntries(FILE_ROLES.map((r) => [r, 0])) as Record<FileRole, number>;
    const migrations: RoleInventory['migrations'] = {};
    const overrideHits = new Map<string, number>();
    for (const p of paths) {
      const role = this.of(p);
      counts[role]++;
      if (role === 'migration') {
        const s = this.migrationState(p);
        migrations[s] = (migrations[s] ?? 0) + 1;
      }
      const o = this.overrides.find((x) => x.re.test(p));
      if (o) overrideHits.set(o.glob, (overrideHits.get(o.glob) ?? 0) + 1);
    }
    for (const t of this.byTree) if (t.listedOnly) counts[t.role] += t.files;
    return {
      counts, labels: { ...ROLE_LABELS }, trees: this.trees, migrations, migrationBasis: this.basis,
      overrides: this.overrides.filter((o) => overrideHits.has(o.glob)).map((o) => ({ glob: o.glob, role: o.role, files: overrideHits.get(o.glob)! })),
      ...(this.reach ? { reach: this.reach } : {}),
    };
  }
}

/** The folders of a path, outermost first, the root excluded: `a/b/c.ts` -> `a`, `a/b`. */
function foldersOf(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i));
  return out;
}

/**
 * Folders that hold a copy of the repository's own layout: at least COPY_MIN of their source files
 * (and COPY_SHARE of them) sit at the same relative path under the root, COPY_SAME_SIZE of those with
 * the same size; or a package.json that repeats the name of a package outside it.
 */
function copiesOfTheTree(files: Array<{ path: string; size: number }>, manifests: ManifestCopy[]): Map<string, string> {
  const size = new Map(files.map((f) => [f.path, f.size]));
  const stats = new Map<string, { source: number; copied: number; same: number }>();
  for (const f of files) {
    if (!SOURCE.test(f.path)) continue;
    for (const dir of foldersOf(f.path)) {
      const s = stats.get(dir) ?? { source: 0, copied: 0, same: 0 };
      s.source++;
      const twin = size.get(f.path.slice(dir.length + 1));
      if (twin !== undefined) {
        s.copied++;
        if (twin === f.size) s.same++;
      }
      stats.set(dir, s);
    }
  }
  const workspaces = new Set(manifests.filter((m) => m.workspace || m.dir === '.').map((m) => m.dir));
  const out = new Map<string, string>();
  for (const [dir, s] of stats) {
    if (workspaces.has(dir)) continue;
    if (s.copied >= COPY_MIN && s.copied >= s.source * COPY_SHARE && s.same >= COPY_SAME_SIZE) {
      out.set(dir, `${s.copied} of its ${s.source} source files repeat the repository's own paths`);
    }
  }
  for (const m of manifests) {
    if (m.dir === '.' || m.workspace || !m.name) continue;
    const twin = manifests.find((o) => o !== m && o.name === m.name && (o.dir === '.' || o.workspace));
    if (twin) out.set(m.dir, `its package.json repeats the name ${m.name} of ${twin.dir === '.' ? 'the root package' : twin.dir}`);
  }
  return out;
}

/** Decides the trees of the layout: listed ones from the walk, copies, templates. */
export function decideRoles(
  files: Array<{ path: string; size: number }>, listed: ListedTree[], manifests: ManifestCopy[], overrides: Record<string, FileRole> = {},
): RoleMap {
  const trees: RoleTree[] = listed.map((t) => ({ path: t.path, role: t.role, why: t.truncated ? `${t.why}; listing stopped at ${t.files} files` : t.why, files: t.files, listedOnly: true }));
  const copies = copiesOfTheTree(files, manifests);
  const folders = new Map<string, number>();
  for (const f of files) for (const d of foldersOf(f.path)) folders.set(d, (folders.get(d) ?? 0) + 1);
  // A manifest in the folder or one level down; a placeholder-named folder anywhere below.
  const withManifest = new Set<string>();
  for (const m of manifests) {
    if (m.dir === '.') continue;
    withManifest.add(m.dir);
    if (m.dir.includes('/')) withManifest.add(m.dir.slice(0, m.dir.lastIndexOf('/')));
  }
  // Folders holding a package somewhere below that is not a workspace of the root: a `templates/`
  // folder with one (`templates/sdk/durable-objects/chat/package.json`) holds project templates.
  const withPackageBelow = new Set<string>();
  for (const m of manifests) if (m.dir !== '.' && !m.workspace) for (const up of foldersOf(m.dir)) withPackageBelow.add(up);
  const withPlaceholder = new Set<string>();
  for (const d of folders.keys()) if (TEMPLATE_SEGMENT.test(`${d}/`)) for (const up of [...foldersOf(d), d]) withPlaceholder.add(up);
  const copyParents = new Set<string>();
  for (const c of copies.keys()) for (const up of foldersOf(c)) copyParents.add(up);
  const taken = (dir: string): boolean => trees.some((t) => dir === t.path || dir.startsWith(`${t.path}/`));
  // Outermost first, so a copy inside an archived folder is not listed twice.
  for (const dir of [...folders.keys()].sort((a, b) => a.length - b.length || a.localeCompare(b))) {
    if (taken(dir)) continue;
    const name = dir.slice(dir.lastIndexOf('/') + 1);
    const copy = copies.get(dir);
    const manifest = withManifest.has(dir);
    const copyBelow = copyParents.has(dir);
    let why: string | null = null;
    // The structure first: a copy of the layout says it whatever the folder is called.
    if (copy) why = copy;
    else if (ASIDE_SUFFIX.test(name) && !manifests.some((m) => m.workspace && m.dir === dir)) why = `named ${name}/`;
    else if (ASIDE_NAME.test(name) && (manifest || copyBelow)) why = `named ${name}/ and holds ${copyBelow ? 'a copy of the layout' : 'a package of its own'}`;
    if (why) {
      trees.push({ path: dir, role: 'archived', why, files: folders.get(dir) ?? 0, listedOnly: false });
      continue;
    }
    if (TEMPLATE_NAME.test(name) && (manifest || withPackageBelow.has(dir) || withPlaceholder.has(dir) || !dir.includes('/'))) {
      const why = manifest || withPackageBelow.has(dir) ? `named ${name}/ and holds a package of its own` : withPlaceholder.has(dir) ? `named ${name}/ and holds placeholders` : `named ${name}/ at the root`;
      trees.push({ path: dir, role: 'template', why, files: folders.get(dir) ?? 0, listedOnly: false });
    }
  }
  return new RoleMap(trees, overrides);
}
