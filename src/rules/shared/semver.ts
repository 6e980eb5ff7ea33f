// Just enough semver to tell whether a locked version satisfies a package.json range. Ranges it
// cannot read give null (unknown), so callers stay silent instead of guessing.
type V = [number, number, number];

function parse(v: string): V | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function cmp(a: V, b: V): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `1`, `1.2`, `1.x`, `1.2.*` as [lower, upper) bounds. */
function partial(r: string): [V, V] | null {
  const m = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(r);
  if (!m) return null;
  const major = Number(m[1]);
  if (m[2] === undefined || m[2] === 'x' || m[2] === '*') return [[major, 0, 0], [major + 1, 0, 0]];
  const minor = Number(m[2]);
  if (m[3] === undefined || m[3] === 'x' || m[3] === '*') return [[major, minor, 0], [major, minor + 1, 0]];
  return null;
}

function one(version: V, r: string): boolean | null {
  r = r.trim();
  if (r === '' || r === '*' || r === 'x' || r === 'latest') return true;
  const parts = r.split(/\s+/);
  if (parts.length > 1) {
    const all = parts.map((p) => one(version, p));
    return all.includes(null) ? null : all.every(Boolean);
  }
  const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(r)!;
  const base = parse(op[2]);
  const range = base ? null : partial(op[2]);
  if (!base && !range) return null;
  if (range) {
    if (!op[1] || op[1] === '=' || op[1] === '^' || op[1] === '~') return cmp(version, range[0]) >= 0 && cmp(version, range[1]) < 0;
    return null;
  }
  const b = base!;
  switch (op[1]) {
    case undefined: case '=': return cmp(version, b) === 0;
    case '>=': return cmp(version, b) >= 0;
    case '>': return cmp(version, b) > 0;
    case '<=': return cmp(version, b) <= 0;
    case '<': return cmp(version, b) < 0;
    case '~': return cmp(version, b) >= 0 && cmp(version, [b[0], b[1] + 1, 0]) < 0;
    case '^': {
      const upper: V = b[0] > 0 ? [b[0] + 1, 0, 0] : b[1] > 0 ? [0, b[1] + 1, 0] : [0, 0, b[2] + 1];
      return cmp(version, b) >= 0 && cmp(version, upper) < 0;
    }
  }
  return null;
}

/** Whether `version` satisfies `range`; null when either cannot be read (tags, URLs, git, aliases). */
export function satisfies(version: string, range: string): boolean | null {
  const v = parse(version);
  if (!v) return null;
  const alts = range.split('||').map((r) => one(v, r));
  if (alts.includes(true)) return true;
  return alts.includes(null) ? null : false;
}

/** The lowest version a range admits (`^3.40.1` -> 3.40.1, `3.x` -> 3.0.0, `<4` -> 0.0.0); null when it cannot be read. */
export function minVersion(range: string): string | null {
  let best: V | null = null;
  for (const alt of range.split('||')) {
    let low: V = [0, 0, 0];
    for (const r of alt.trim().split(/\s+/).filter(Boolean)) {
      if (r === '*' || r === 'x' || r === 'latest') continue;
      const op = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(r)!;
      const v = parse(op[2]) ?? partial(op[2])?.[0] ?? null;
      if (!v) return null;
      if (op[1] === '<' || op[1] === '<=') continue;
      if (cmp(v, low) > 0) low = v;
    }
    if (!best || cmp(low, best) < 0) best = low;
  }
  return best ? best.join('.') : null;
}
