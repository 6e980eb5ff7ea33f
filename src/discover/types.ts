import type { MigrationSet } from '../model/migrations.js';
import type { DeclaredMigrationFolder } from './migrations.js';
import type { InputDiagnostic, PackageInfo } from '../model/run.js';
import type { RoleMap } from './roles.js';
import type { FileEntry, ListedTree, OutsideLink } from './walk.js';

export interface DiscoveredPackage extends PackageInfo {
  abs: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  /** package.json path relative to the root, or null for a worker without one. */
  manifestPath: string | null;
  engines: Record<string, string>;
  packageManagerField: string | null;
}

export interface Binding {
  binding: string;
  line: number;
  [key: string]: unknown;
}

export interface WranglerConfig {
  path: string;
  name: string | null;
  main: string | null;
  packagePath: string;
  d1: Binding[];
  kv: Binding[];
  r2: Binding[];
  durableObjects: Binding[];
  services: Binding[];
  queueProducers: Binding[];
  queueConsumers: Array<{ queue: string; line: number }>;
  vars: Record<string, unknown>;
  hasRateLimitBinding: boolean;
}

export interface TsconfigInfo {
  path: string;
  /** `strict` as resolved through relative `extends`; null when unknown. */
  strict: boolean | null;
  strictLine: number | null;
  references: string[];
  hasInputs: boolean;
}

/** A source file verdict did not read, and why: its package's static checks are incomplete. */
export interface UnreadFile {
  path: string;
  reason: string;
}

export interface RepoLayout {
  root: string;
  files: FileEntry[];
  /** The role of every path, decided once for the whole tree (see discover/roles.ts). */
  roles: RoleMap;
  /** Vendored and generated trees: listed, their files counted, not read. */
  trees: ListedTree[];
  large: FileEntry[];
  /** Symlinks whose target is outside the repository (listed, never read). */
  outside: OutsideLink[];
  /** Source files not read (a symlink to outside, over the size limit); collect adds the ones that are binary. */
  unread: UnreadFile[];
  symlinks: number;
  unreadable: number;
  packages: DiscoveredPackage[];
  packageManager: 'npm' | 'pnpm' | 'yarn' | 'bun' | null;
  lockfiles: string[];
  wrangler: WranglerConfig[];
  tsconfigs: TsconfigInfo[];
  workflows: string[];
  docs: string[];
  migrationDirs: string[];
  /** Every migration set found (see discover/migrations.ts). */
  migrations: MigrationSet[];
  /** Migration folders the tools' configurations name, with or without files (see discover/migrations.ts). */
  migrationFolders: DeclaredMigrationFolder[];
  diagnostics: InputDiagnostic[];
}
