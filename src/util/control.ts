// Text from the audited repository (file names, source lines, messages, tool output) is hostile: an
// escape sequence in a comment can clear the screen and print a forged gate, a bidi override can make
// a line read as something else, a newline in a file name can forge a report line. Terminal and
// Markdown output show such characters as visible escapes instead.

/**
 * C0 controls but tab (newline included: every string of the model is rendered inside one line),
 * DEL, C1 controls (0x9b is a one-byte CSI), line and paragraph separators, and the bidi controls.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `\x1b[2J` (ESC) becomes the six characters `\x1b[2J`; text without control characters is returned as is. */
export function escapeControl(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, visible) : text;
}

/**
 * `value` with `fn` applied to every string in it (object keys too: package names key the scores).
 * Arrays and plain objects are copied only where a string inside them changed; each distinct string
 * is mapped once. `keep` names keys whose values stay as they are.
 */
export function mapStrings<T>(value: T, fn: (s: string) => string, opts: { minLength?: number; keep?: string; keys?: boolean } = {}): T {
  const min = opts.minLength ?? 0;
  const seen = new Map<string, string>();
  const str = (v: string): string => {
    if (v.length < min) return v;
    let r = seen.get(v);
    if (r === undefined) seen.set(v, (r = fn(v)));
    return r;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return str(v);
    if (!v || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i]);
        if (out) out[i] = x;
        else if (x !== v[i]) out = [...v.slice(0, i), x];
      }
      return out ?? v;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    const plain = proto === Object.prototype || proto === null;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    const mapped = keys.map((k) => (opts.keys ? str(k) : k));
    let out: Record<string, unknown> | null = plain && mapped.every((k, i) => k === keys[i]) ? null : {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const val = obj[k];
      const x = k === opts.keep ? val : walk(val);
      if (out) out[mapped[i]] = x;
      else if (x !== val) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
        out[k] = x;
      }
    }
    return out ?? v;
  };
  return walk(value) as T;
}
