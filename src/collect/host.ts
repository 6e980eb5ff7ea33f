// The contract between the one shared traversal and what runs inside it: collectors (which emit
// facts) and source rules (which report findings). Both are "visitor hosts".
import ts from 'typescript';
import type { Evidence, Severity } from '../model/run.js';
import type { FileRole } from '../util/roles.js';
import type { Scope } from './scope.js';

export type SyntaxKindName = keyof typeof ts.SyntaxKind;
export type Visitors = { [K in SyntaxKindName]?: (node: ts.Node) => void } & { 'file:end'?: () => void };

export interface FileMeta {
  path: string;
  role: FileRole;
  package: string | null;
  /** File extension including the dot. */
  ext: string;
}

/** Values for a message template's {{placeholders}}. */
export type MessageData = Record<string, string | number>;

export interface RawReport {
  /** A node to locate, or an explicit 1-based line (and column). */
  node?: ts.Node;
  line?: number;
  column?: number;
  endLine?: number;
  /** A key of the rule's `meta.messages`, rendered with `data` by the rule engine. */
  messageId?: string;
  data?: MessageData;
  /** Prose for rules without message ids yet; `messageId` is preferred (tests assert ids, not prose). */
  message?: string;
  severity?: Severity;
  evidence?: Evidence[];
  /** A secret value on the reported line: masked in the snippet before it is kept (or cached). */
  secret?: string;
}

export interface RawFinding {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  snippet: string;
  /** Empty when the report gave a message id: the rule engine renders it. */
  message: string;
  messageId?: string;
  data?: MessageData;
  severity?: Severity;
  evidence: Evidence[];
}

export interface TextContext {
  file: FileMeta;
  text: string;
  /** Record a serialisable fact for repository rules (the path is added). */
  emit(record: Record<string, unknown>): void;
  report(r: RawReport): void;
  lineOfOffset(offset: number): number;
}

export interface SourceContext extends TextContext {
  sourceFile: ts.SourceFile;
  /**
   * What identifiers refer to, through the file's real scopes (see scope.ts). The file is bound on the
   * first question, so a host that never asks costs nothing.
   */
  scope: Scope;
  /** 1-based line of a node's start (after leading trivia). */
  lineOf(node: ts.Node): number;
}

export interface VisitorHost {
  id: string;
  /**
   * Cheap text triggers: the file is parsed for this host only when one occurs. None: every file.
   * Substrings are found in one combined scan; a regular expression (for what a substring cannot
   * say, like `export` followed by a value declaration) is tested only when no substring matched.
   */
  triggers?: readonly (string | RegExp)[];
  /** Skip files by path, role or extension before anything runs. */
  appliesTo?(file: FileMeta): boolean;
  /** Visitors over the syntax tree of source files. */
  create?(ctx: SourceContext): Visitors;
  /**
   * `false`: these visitors never read a node's `parent` (nor call what does: `getText()` or
   * `getStart()` without the source file, `getSourceFile()`). A file whose hosts all say so is
   * visited without parent pointers, which saves binding them (~15% of a parse).
   */
  parents?: false;
  /** A pass over the raw text of every text file read (source, docs, SQL, configs). */
  text?(ctx: TextContext): void;
}
