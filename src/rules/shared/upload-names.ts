// The name an uploading client gave its file, as a source of the taint tracer: the field of a file
// object (knowledge/uploads.ts UPLOAD_NAME_SOURCES) read where the file objects come from a parser
// (`req.file.originalname`, `(await request.file()).filename`, busboy's `info.filename`, formidable's
// `files.f.originalFilename`, Hono's `parseBody()` File `.name`), followed by scope through variables,
// loops and element callbacks. Other fields of the same objects (multer's `path`, `filename`) are the
// server's own choice and are not sources.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isRequestObject, receivesElements, UPLOAD_NAME_SOURCES, type UploadNameSource } from '../../knowledge/index.js';

/** Marks a step whose library keeps only the base name of what the client sent. */
export const BASE_NAME_ONLY = '(base name only)';

const FIELDS = new Set(UPLOAD_NAME_SOURCES.map((s) => s.field).filter((f) => f !== ''));
/** Array methods that hand on elements of their receiver as they are. */
const PICKS = new Set(['find', 'filter', 'at', 'slice', 'flat', 'findLast']);

function bare(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function chainOf(e: ts.Expression): string[] | null {
  const out: string[] = [];
  while (ts.isPropertyAccessExpression(e)) {
    out.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return null;
  out.unshift(e.text);
  return out;
}

const by = (kind: UploadNameSource['kind'], holder: string, param?: number) => UPLOAD_NAME_SOURCES.filter((s) => s.kind === kind && s.holder === holder && (param === undefined || s.param === param));

/** What an upload parser hands a parameter: decorated (`@UploadedFile()`), a busboy event's or formidable's callback, an element of a holder. */
function ofParameter(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number, scope: Scope, depth: number): UploadNameSource[] {
  for (const d of ts.canHaveDecorators(param) ? ts.getDecorators(param) ?? [] : []) {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    const b = ts.isIdentifier(e) ? scope.resolve(e) : null;
    if (b?.kind === 'import') return by('decorator', b.imported).filter((s) => s.package === b.from);
  }
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as unknown as ts.Expression) || !ts.isPropertyAccessExpression(call.expression)) return [];
  const method = call.expression.name.text;
  const first = call.arguments[0];
  if (method === 'on' && first && ts.isStringLiteralLike(first) && call.arguments[1] === (fn as unknown as ts.Expression)) return by('event', first.text, index);
  if (call.arguments.length === 2 && call.arguments[1] === (fn as unknown as ts.Expression)) {
    const parsed = by('parse-callback', method, index);
    if (parsed.length > 0) return parsed;
  }
  return call.arguments[0] === (fn as unknown as ts.Expression) && receivesElements(method, index) ? holderOf(call.expression.expression, scope, depth + 1) : [];
}

/** The upload sources whose file objects (or containers of them) an expression holds. */
function holderOf(e: ts.Expression, scope: Scope, depth = 0): UploadNameSource[] {
  e = bare(e);
  if (depth > 6) return [];
  if (ts.isElementAccessExpression(e)) return holderOf(e.expression, scope, depth + 1);
  if (ts.isPropertyAccessExpression(e)) {
    const chain = chainOf(e);
    if (chain && isRequestObject(chain.slice(0, -1))) return by('request-field', chain[chain.length - 1]);
    // A member of a container of files (`req.files.avatar`), unless it is the name itself.
    return FIELDS.has(e.name.text) ? [] : holderOf(e.expression, scope, depth + 1);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const method = e.expression.name.text;
    const on = chainOf(e.expression.expression);
    if (on && isRequestObject(on)) return by('request-call', method);
    return PICKS.has(method) ? holderOf(e.expression.expression, scope, depth + 1) : [];
  }
  if (!ts.isIdentifier(e)) return [];
  const b = scope.resolve(e);
  if (!b) return [];
  if (b.kind === 'variable') {
    const loop = b.decl.parent.parent;
    if (ts.isForOfStatement(loop)) return holderOf(loop.expression, scope, depth + 1);
    return b.initializer ? holderOf(b.initializer, scope, depth + 1) : [];
  }
  if (b.kind === 'parameter') return ofParameter(b.decl, b.fn, b.index, scope, depth);
  if (b.kind === 'destructured') {
    const pattern = b.decl.parent;
    const prop = (b.decl.propertyName ?? b.decl.name).getText();
    const holder = pattern.parent;
    // `const { file } = req`
    if (ts.isVariableDeclaration(holder) && holder.initializer && ts.isObjectBindingPattern(pattern)) {
      const chain = chainOf(bare(holder.initializer));
      if (chain && isRequestObject(chain)) return by('request-field', prop);
      return holderOf(holder.initializer, scope, depth + 1);
    }
  }
  return [];
}

const short = (n: ts.Node) => n.getText().replace(/\s+/g, ' ').slice(0, 60);
const lineOf = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
const stepOf = (s: UploadNameSource, n: ts.Node) => `the ${s.library} file name${s.basename ? ` ${BASE_NAME_ONLY}` : ''} ${short(n)} (line ${lineOf(n)})`;

/** The tracer's step for a read of an upload's client-chosen file name, or null. */
export function uploadNameRead(n: ts.Node, scope: Scope): string | null {
  if (ts.isPropertyAccessExpression(n) && FIELDS.has(n.name.text)) {
    const s = holderOf(n.expression, scope).find((x) => x.field === n.name.text);
    return s ? stepOf(s, n) : null;
  }
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && FIELDS.has(n.argumentExpression.text)) {
    const field = n.argumentExpression.text;
    const s = holderOf(n.expression, scope).find((x) => x.field === field);
    return s ? stepOf(s, n) : null;
  }
  if (!ts.isIdentifier(n) || (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) return null;
  const b = scope.resolve(n);
  if (b?.kind === 'destructured') {
    // `const { originalname } = req.file`
    const prop = (b.decl.propertyName ?? b.decl.name).getText();
    const holder = b.decl.parent.parent;
    if (!FIELDS.has(prop)) return null;
    const from = ts.isVariableDeclaration(holder) && holder.initializer ? holderOf(holder.initializer, scope)
      : ts.isParameter(holder) && ts.isFunctionLike(holder.parent) ? ofParameter(holder, holder.parent, holder.parent.parameters.indexOf(holder), scope, 0) : [];
    const s = from.find((x) => x.field === prop);
    return s ? stepOf(s, n) : null;
  }
  if (b?.kind === 'parameter') {
    // busboy before 1.0: the parameter is the name itself.
    const s = ofParameter(b.decl, b.fn, b.index, scope, 0).find((x) => x.field === '');
    return s ? stepOf(s, n) : null;
  }
  return null;
}
