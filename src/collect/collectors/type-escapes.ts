// Per TypeScript file: how often the type system is switched off (`any` in type positions,
// `@ts-ignore`, `@ts-expect-error`), with the first line of each, and the names of the types and
// interfaces it exports. Comments and exports come from the text; `any` from the syntax tree.
import ts from 'typescript';
import { snippetOf } from '../../util/text.js';
import { typeEscapeFacts, type TypeEscapeFact } from '../facts/type-escapes.js';
import type { TextContext, VisitorHost } from '../host.js';

const TS_EXT = new Set(['.ts', '.tsx', '.mts', '.cts']);
const DIRECTIVE = /\/\/\s*@ts-(ignore|expect-error)\b|\/\*+\s*@ts-(ignore|expect-error)\b/g;
/** At an `export` that starts its line (after spaces or tabs). */
const EXPORTED_TYPE = /export\s+(?:declare\s+)?(interface|type)\s+([A-Za-z_$][\w$]*)\b/y;

function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return snippetOf(text.slice(start, end < 0 ? text.length : end));
}

/** Only spaces or tabs between the offset and the start of its line (as `^[ \t]*` under the m flag). */
function startsLine(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function scanText(ctx: TextContext): void {
  const { text } = ctx;
  if (text.includes('@ts-')) {
    let tsIgnore = 0;
    let tsExpectError = 0;
    let first = -1;
    for (const m of text.matchAll(DIRECTIVE)) {
      if ((m[1] ?? m[2]) === 'ignore') tsIgnore++; else tsExpectError++;
      if (first < 0) first = m.index;
    }
    if (first >= 0) typeEscapeFacts.emit(ctx, { kind: 'directives', tsIgnore, tsExpectError, line: ctx.lineOfOffset(first), snippet: lineText(text, first) });
  }
  if (text.includes('export')) {
    const names: Extract<TypeEscapeFact, { kind: 'exports' }>['names'] = [];
    // Each `export` found by indexOf, not a multiline regex tried at every line start.
    for (let at = text.indexOf('export'); at >= 0; at = text.indexOf('export', at + 1)) {
      if (!startsLine(text, at)) continue;
      EXPORTED_TYPE.lastIndex = at;
      const m = EXPORTED_TYPE.exec(text);
      if (!m) continue;
      names.push({ name: m[2], kind: m[1] as 'interface' | 'type', line: ctx.lineOfOffset(at + m[0].indexOf(m[1])) });
      at += m[0].length - 1;
    }
    if (names.length > 0) typeEscapeFacts.emit(ctx, { kind: 'exports', names });
  }
}

export const typeEscapes: VisitorHost = {
  id: typeEscapeFacts.id,
  parents: false,
  triggers: [': any', ':any', 'as any', '<any', 'any[]', 'any>', 'any,', 'any)', '| any', 'any |', 'any;', 'any =', 'any\n'],
  appliesTo: (f) => TS_EXT.has(f.ext) && !/\.d\.[cm]?ts$/.test(f.path) && f.role !== 'generated',
  text: scanText,
  create(ctx) {
    let count = 0;
    let first: ts.Node | null = null;
    return {
      AnyKeyword(node) {
        count++;
        first ??= node;
      },
      'file:end'() {
        if (count === 0 || !first) return;
        const offset = first.getStart(ctx.sourceFile);
        typeEscapeFacts.emit(ctx, { kind: 'any', any: count, line: ctx.lineOfOffset(offset), snippet: lineText(ctx.text, offset) });
      },
    };
  },
};
