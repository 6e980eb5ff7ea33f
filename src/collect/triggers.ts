// Which hosts a file triggers, in one scan of its text: every host's cheap text triggers are joined
// into one regular expression (longest first), so a file that matches nothing is read once, not once
// per trigger. A match also counts for every shorter trigger it contains.
import type { VisitorHost } from './host.js';

export class TriggerIndex {
  private readonly re: RegExp | null;
  /** matched text -> indices (into `hosts`) of the hosts it triggers */
  private readonly hostsOf = new Map<string, number[]>();

  constructor(private readonly hosts: readonly VisitorHost[]) {
    const all = [...new Set(hosts.flatMap((h) => h.triggers ?? []))].filter((t) => t.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.re = all.length ? new RegExp(all.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
    for (const t of all) {
      const idx: number[] = [];
      hosts.forEach((h, i) => { if (h.triggers?.some((x) => x.length > 0 && t.includes(x))) idx.push(i); });
      this.hostsOf.set(t, idx);
    }
  }

  /** The hosts among `candidates` whose triggers occur in the text (hosts without triggers always). */
  match(text: string, candidates: readonly VisitorHost[]): VisitorHost[] {
    const wanted = new Set<number>();
    const out = new Set<VisitorHost>();
    for (const h of candidates) {
      if (!h.triggers || h.triggers.length === 0) out.add(h);
      else wanted.add(this.hosts.indexOf(h));
    }
    if (wanted.size > 0 && this.re) {
      const re = this.re;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (wanted.size > 0 && (m = re.exec(text)) !== null) {
        for (const i of this.hostsOf.get(m[0]) ?? []) {
          if (wanted.delete(i)) out.add(this.hosts[i]);
        }
        re.lastIndex = m.index + 1;
      }
    }
    return candidates.filter((h) => out.has(h));
  }
}
