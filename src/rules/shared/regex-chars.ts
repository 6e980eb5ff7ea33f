// Which single characters a regular expression literal matches wherever they stand, read from its
// syntax: `/[^\w.-]/g` matches `/` and `\`, `/[\/\\]+/g` too, `/\.\.\//g` matches neither on its own (it
// needs the sequence). A global `replace` with such a pattern removes every occurrence of those
// characters. A small parser of the pattern's terms (classes, escapes, groups, alternatives,
// quantifiers), not a match over the call's text: what it cannot read matches nothing.

/** One term: which single characters it matches by itself (null: none, or only as part of a sequence). */
type Term = ((c: string) => boolean) | null;

const CLASS_ESCAPES: Record<string, (c: string) => boolean> = {
  w: (c) => /\w/.test(c), W: (c) => /\W/.test(c), d: (c) => /\d/.test(c), D: (c) => /\D/.test(c), s: (c) => /\s/.test(c), S: (c) => /\S/.test(c),
};

class Parser {
  i = 0;
  constructor(private readonly src: string) {}

  /** Alternatives up to `)` or the end; each alternative is its terms, `null` for an anchor or lookaround. */
  disjunction(): Term[][] {
    const alts: Term[][] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== ')') {
      if (this.src[this.i] === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const term = this.term();
      if (term === undefined) return alts;
      this.quantifier();
      alts[alts.length - 1].push(term);
    }
    return alts;
  }

  private quantifier(): void {
    const c = this.src[this.i];
    if (c === '*' || c === '+' || c === '?') this.i++;
    else if (c === '{') {
      const close = this.src.indexOf('}', this.i);
      if (close > 0 && /^\{\d+(,\d*)?\}$/.test(this.src.slice(this.i, close + 1))) this.i = close + 1;
    }
    if (this.src[this.i] === '?') this.i++;
  }

  /** One term; undefined when the pattern cannot be read further. */
  private term(): Term | undefined {
    const c = this.src[this.i++];
    if (c === '^' || c === '$') return null;
    if (c === '.') return (x) => x !== '\n' && x !== '\r';
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false);
    if (c === '(') {
      let lookaround = false;
      if (this.src[this.i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.src.slice(this.i));
        if (!m) return undefined;
        lookaround = m[1] !== ':' && !m[1].endsWith('>');
        this.i += m[0].length;
      }
      const alts = this.disjunction();
      if (this.src[this.i] !== ')') return undefined;
      this.i++;
      if (lookaround) return null;
      const singles = alts.filter((a) => a.length === 1 && a[0] !== null).map((a) => a[0]!);
      return singles.length === 0 ? null : (x) => singles.some((t) => t(x));
    }
    if (c === undefined || c === ')' || c === '|') return undefined;
    return (x) => x === c;
  }

  private escape(inClass: boolean): (c: string) => boolean {
    const c = this.src[this.i++];
    if (CLASS_ESCAPES[c]) return CLASS_ESCAPES[c];
    if (c === 'b' && !inClass) return () => false;
    if (c === 'n') return (x) => x === '\n';
    if (c === 't') return (x) => x === '\t';
    if (c === 'x' || c === 'u') {
      const hex = /^[0-9a-fA-F]{4}|^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i))?.[0] ?? '';
      const len = c === 'x' ? 2 : 4;
      if (hex.length >= len) {
        const ch = String.fromCharCode(parseInt(hex.slice(0, len), 16));
        this.i += len;
        return (x) => x === ch;
      }
    }
    return (x) => x === c;
  }

  private charClass(): (c: string) => boolean {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const parts: Array<(c: string) => boolean> = [];
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      const start = this.src[this.i] === '\\' ? (this.i++, this.escape(true)) : ((ch) => (x: string) => x === ch)(this.src[this.i++]);
      const lo = this.src[this.i - 1];
      // `a-z`: a range between two plain characters.
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined && this.src[this.i - 2] !== '\\') {
        const hi = this.src[this.i + 1] === '\\' ? this.src[this.i + 2] : this.src[this.i + 1];
        this.i += this.src[this.i + 1] === '\\' ? 3 : 2;
        parts.push((x) => x >= lo && x <= hi);
        continue;
      }
      parts.push(start);
    }
    this.i++;
    return negated ? (x) => !parts.some((p) => p(x)) : (x) => parts.some((p) => p(x));
  }
}

/**
 * The characters of `chars` that a global replace with the pattern `source` removes wherever they
 * occur: those some alternative matches as a single term (`[\/\\]`, `\W+`, `(\/|\\)`). Anchored
 * alternatives (`^\/`) and sequences (`\.\.\/`) remove a character only in that place: they do not count.
 */
export function charactersRemoved(source: string, chars: readonly string[]): string[] {
  const p = new Parser(source);
  const alts = p.disjunction();
  if (p.i < source.length) return [];
  const singles = alts.filter((a) => a.length === 1 && a[0] !== null).map((a) => a[0]!);
  return chars.filter((c) => singles.some((t) => t(c)));
}
