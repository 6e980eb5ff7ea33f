// Routers loaded from a folder listing: a loop over `fs.readdirSync(dir)`, `glob.sync(pattern)` or the
// modules `require-directory` returns, that loads each module by a computed path (`require(join(dir, f))`,
// `await import(...)`) and mounts it (`app.use(mod.routes())`, `router.use('/' + name, mod)`). The listing
// is resolved against the tree by the link stage (link/routes.ts); a load whose folder verdict cannot
// read is recorded with the expression as written, so its routes are "not verified", never absent.
import { posix } from 'node:path';
import ts from 'typescript';
import { folderListingOf, KOA_ROUTER_METHODS, type FolderListing } from '../../knowledge/index.js';
import { requireOf, type Scope } from '../scope.js';

export interface FolderLoad { dir: string | null; pattern: string | null; text: string; named?: string }

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};

/** `require(x)` / `import(x)` with a path that is not written out: the path expression. */
function computedLoad(e: ts.Expression): ts.Expression | null {
  e = unwrap(e);
  if (!ts.isCallExpression(e) || e.arguments.length !== 1) return null;
  const isLoad = (ts.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === ts.SyntaxKind.ImportKeyword;
  const spec = e.arguments[0];
  return isLoad && !ts.isStringLiteralLike(spec) && !ts.isNoSubstitutionTemplateLiteral(spec) ? spec : null;
}

/** The module object a mount argument is: `mod.routes()` (Koa), `mod.default`, a const holding one. Follows up to a few steps. */
function loaded(e: ts.Expression, scope: Scope, depth = 0): { spec: ts.Expression } | { param: ts.Identifier } | null {
  if (depth > 4) return null;
  e = unwrap(e);
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && KOA_ROUTER_METHODS[e.expression.name.text] === 'mount') return loaded(e.expression.expression, scope, depth + 1);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'default') return loaded(e.expression, scope, depth + 1);
  const spec = computedLoad(e);
  if (spec) return { spec };
  if (!ts.isIdentifier(e)) return null;
  const b = scope.resolve(e);
  if (b?.kind === 'variable' && b.initializer && !requireOf(b)) return loaded(b.initializer, scope, depth + 1);
  if (b?.kind === 'parameter') return { param: e };
  if (b?.kind === 'variable' && !b.initializer && ts.isForOfStatement(b.decl.parent.parent)) return { param: e };
  return null;
}

/** The collection a loop variable walks: `xs.forEach((x) => ...)`, `xs.map(...)`, `for (const x of xs)`. */
function iterated(id: ts.Identifier, scope: Scope): ts.Expression | null {
  const b = scope.resolve(id);
  if (b?.kind === 'parameter' && b.index === 0 && (ts.isArrowFunction(b.fn) || ts.isFunctionExpression(b.fn))) {
    const call = b.fn.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === b.fn && ts.isPropertyAccessExpression(call.expression) && ['forEach', 'map'].includes(call.expression.name.text)) return call.expression.expression;
  }
  if (b?.kind === 'variable' && ts.isVariableDeclarationList(b.decl.parent) && ts.isForOfStatement(b.decl.parent.parent)) return b.decl.parent.parent.expression;
  return null;
}

/** The loop variables a path expression is built from, through consts made of them (`const file = join(dir, f)`). */
function loopVariables(e: ts.Expression, scope: Scope, depth = 0): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      if (iterated(n, scope)) out.push(n);
      else if (depth < 3) {
        const b = scope.resolve(n);
        if (b?.kind === 'variable' && b.isConst && b.initializer) out.push(...loopVariables(b.initializer, scope, depth + 1));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return out;
}

/** The module's own folder, as the language names it. */
const isHere = (e: ts.Expression): boolean => ['__dirname', 'import.meta.dirname'].includes(e.getText());

/** A path relative to this module's folder: `__dirname`, `path.join(__dirname, 'routes')`, `path.resolve(__dirname, './routes')`, `` `${__dirname}/routes` ``, a const holding one. */
function hereRelative(e: ts.Expression, scope: Scope, depth = 0): string | null {
  e = unwrap(e);
  if (isHere(e)) return '.';
  if (ts.isTemplateExpression(e) && e.head.text === '' && e.templateSpans.length === 1 && isHere(e.templateSpans[0].expression)) return posix.normalize(`.${e.templateSpans[0].literal.text}`);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken && isHere(e.left) && ts.isStringLiteralLike(e.right)) return posix.normalize(`.${e.right.text}`);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['join', 'resolve'].includes(e.expression.name.text) && e.arguments.length >= 1 && isHere(e.arguments[0])) {
    const rest = e.arguments.slice(1);
    return rest.every(ts.isStringLiteralLike) ? posix.normalize(posix.join('.', ...rest.map((r) => (r as ts.StringLiteralLike).text))) : null;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && ['join', 'resolve'].includes(e.expression.text) && e.arguments.length >= 1 && isHere(e.arguments[0])) {
    const rest = e.arguments.slice(1);
    return rest.every(ts.isStringLiteralLike) ? posix.normalize(posix.join('.', ...rest.map((r) => (r as ts.StringLiteralLike).text))) : null;
  }
  if (ts.isIdentifier(e) && depth < 3) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable' && b.isConst && b.initializer) return hereRelative(b.initializer, scope, depth + 1);
  }
  return null;
}

/** The folder listing a collection comes from, through `.filter()`/`.sort()` and consts: the call and what it lists. */
function listingOf(e: ts.Expression, scope: Scope, depth = 0): { call: ts.CallExpression; listing: FolderListing } | null {
  e = unwrap(e);
  if (depth > 5) return null;
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    return b?.kind === 'variable' && b.isConst && b.initializer ? listingOf(b.initializer, scope, depth + 1) : null;
  }
  if (!ts.isCallExpression(e)) return null;
  const callee = e.expression;
  // `Object.values(requireDirectory(module, './routes'))`, `Object.keys(...)`.
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && e.arguments[0]) return listingOf(e.arguments[0], scope, depth + 1);
  // The callee's root and the members read on it.
  const members: string[] = [];
  let root: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(root)) { members.unshift(root.name.text); root = root.expression; }
  if (ts.isIdentifier(root)) {
    const b = scope.resolve(root);
    const imp = b?.kind === 'import' ? { from: b.from, imported: b.imported } : b ? requireOf(b) : null;
    const listing = imp ? folderListingOf(imp.from, imp.imported, members) : null;
    if (listing) return { call: e, listing };
  }
  // `fs.readdirSync(dir).filter(...)`: the listing the chain starts from.
  if (ts.isPropertyAccessExpression(callee) && ['filter', 'sort', 'map', 'flatMap', 'slice', 'concat'].includes(callee.name.text)) return listingOf(callee.expression, scope, depth + 1);
  return null;
}

/** What a listing call lists, relative to the calling file: its folder and glob pattern; null folder when it cannot be read. */
function listed(call: ts.CallExpression, listing: FolderListing, scope: Scope): { dir: string | null; pattern: string | null } {
  const args = call.arguments;
  if (listing.folder === 'dir') return { dir: args[0] ? hereRelative(args[0], scope) : null, pattern: null };
  if (listing.folder === 'modules') {
    const dir = args[1] && ts.isStringLiteralLike(args[1]) ? posix.normalize(args[1].text) : args[1] ? hereRelative(args[1], scope) : null;
    return { dir, pattern: '**/*' };
  }
  // A glob: a written pattern, under its `cwd` option (relative to this module) or this module's folder.
  const p = args[0] ? unwrap(args[0]) : null;
  const cwd = args[1] && ts.isObjectLiteralExpression(args[1])
    ? args[1].properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && x.name.getText() === 'cwd')?.initializer : undefined;
  let pattern: string | null = null;
  if (p && ts.isStringLiteralLike(p)) pattern = p.text;
  else if (p) {
    const joined = hereRelative(p, scope);
    if (joined !== null) return splitGlob(joined);
  }
  if (pattern === null) return { dir: null, pattern: null };
  const base = cwd ? hereRelative(cwd, scope) : '.';
  return base === null ? { dir: null, pattern: null } : splitGlob(posix.join(base, pattern));
}

/** `routes/**\/*.js` -> folder `routes`, pattern `**\/*.js`. */
function splitGlob(p: string): { dir: string; pattern: string } {
  const parts = posix.normalize(p).split('/');
  const at = parts.findIndex((x) => /[*?[{]/.test(x));
  if (at < 0) return { dir: posix.dirname(p), pattern: posix.basename(p) };
  return { dir: parts.slice(0, at).join('/') || '.', pattern: parts.slice(at).join('/') };
}

/**
 * A mount argument that is a module loaded in a loop over a folder listing: the folder (relative to
 * this file) and pattern, or a null folder with the expression as written. Null when the argument is
 * no module loaded by a computed path.
 */
export function folderLoadOf(arg: ts.Expression, scope: Scope): FolderLoad | null {
  const l = loaded(arg, scope);
  if (!l) return null;
  const text = ('spec' in l ? l.spec : l.param).getText().replace(/\s+/g, ' ').slice(0, 120);
  // `Object.values(requireDirectory(module, './routes')).forEach((r) => app.use(r.routes()))`: the element is the module.
  if ('param' in l) {
    const over = iterated(l.param, scope);
    const found = over ? listingOf(over, scope) : null;
    if (!found || found.listing.folder !== 'modules') return null;
    return { ...listed(found.call, found.listing, scope), text };
  }
  const vars = loopVariables(l.spec, scope);
  const over = vars.length > 0 ? iterated(vars[0], scope) : null;
  const found = over ? listingOf(over, scope) : null;
  if (!found) return { dir: null, pattern: null, text };
  return { ...listed(found.call, found.listing, scope), text };
}

/**
 * A mount prefix built from the loaded file's name (`'/' + name`, `` `/api/${name}` ``) where `name` is
 * the loop variable or its stem (`path.basename(f, '.js')`, `f.replace('.js', '')`, `f.split('.')[0]`):
 * the prefix with `{name}` for the file's stem; null for any other expression.
 */
export function namedPrefixOf(e: ts.Expression, scope: Scope): string | null {
  e = unwrap(e);
  const stemOf = (x: ts.Expression, depth = 0): boolean => {
    x = unwrap(x);
    if (ts.isIdentifier(x)) {
      if (iterated(x, scope)) return true;
      const b = scope.resolve(x);
      return depth < 3 && b?.kind === 'variable' && b.isConst && b.initializer !== null && stemOf(b.initializer, depth + 1);
    }
    if (ts.isElementAccessExpression(x) && ts.isCallExpression(x.expression) && ts.isPropertyAccessExpression(x.expression.expression) && x.expression.expression.name.text === 'split') return stemOf(x.expression.expression.expression, depth + 1);
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'replace') return stemOf(x.expression.expression, depth + 1);
    if (ts.isCallExpression(x) && (ts.isPropertyAccessExpression(x.expression) ? x.expression.name.text : x.expression.getText()) === 'basename' && x.arguments[0]) return stemOf(x.arguments[0], depth + 1);
    return false;
  };
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const s of e.templateSpans) {
      if (!stemOf(s.expression)) return null;
      out += `{name}${s.literal.text}`;
    }
    return out;
  }
  const parts: ts.Expression[] = [];
  const flat = (x: ts.Expression): void => {
    x = unwrap(x);
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) { flat(x.left); flat(x.right); } else parts.push(x);
  };
  flat(e);
  if (parts.length < 2) return null;
  let out = '';
  for (const p of parts) {
    if (ts.isStringLiteralLike(p)) out += p.text;
    else if (stemOf(p)) out += '{name}';
    else return null;
  }
  return out;
}
