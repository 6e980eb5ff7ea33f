// Parsers for the structured files verdict reads. Each returns a value or a message that names the
// file, the line and what is wrong, so callers can report it and carry on.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { yaml } from './yaml.js';

export type Parsed<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

export function parseJsoncText(text: string, path: string): Parsed {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    const { line, column } = lineCol(text, e.offset);
    return { ok: false, error: `${path}:${line}:${column}: malformed JSON (${printParseErrorCode(e.error)})` };
  }
  return { ok: true, value };
}

export function parseTomlText(text: string, path: string): Parsed {
  try {
    return { ok: true, value: parseToml(text) };
  } catch (err) {
    const e = err as { line?: number; column?: number; message?: string };
    const where = e.line ? `:${e.line}:${e.column ?? 1}` : '';
    const first = String(e.message ?? err).split('\n')[0];
    return { ok: false, error: `${path}${where}: malformed TOML (${first})` };
  }
}

export function parseYamlText(text: string, path: string): Parsed {
  const doc = yaml().parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    return { ok: false, error: `${path}${where}: malformed YAML (${e.message.split('\n')[0]})` };
  }
  return { ok: true, value: doc.toJS() };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
