// npm / pnpm / yarn audit JSON -> figures, or the reason the registry gave none.
export const AUDIT_SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

export interface AuditFigures {
  total: number;
  bySeverity: Record<AuditSeverity, number>;
  packages: Array<{ name: string; severity: AuditSeverity; title: string | null }>;
}

export type AuditParse = { ok: true; figures: AuditFigures } | { ok: false; reason: string };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const severityOf = (v: unknown): AuditSeverity => (AUDIT_SEVERITIES as readonly string[]).includes(String(v)) ? v as AuditSeverity : 'info';

function figures(list: AuditFigures['packages']): AuditFigures {
  const bySeverity = Object.fromEntries(AUDIT_SEVERITIES.map((s) => [s, 0])) as Record<AuditSeverity, number>;
  const seen = new Map<string, AuditFigures['packages'][number]>();
  for (const p of list) {
    bySeverity[p.severity]++;
    const prev = seen.get(p.name);
    if (!prev || AUDIT_SEVERITIES.indexOf(p.severity) < AUDIT_SEVERITIES.indexOf(prev.severity)) seen.set(p.name, p);
  }
  return { total: list.length, bySeverity, packages: [...seen.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

function jsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  const t = text.trim();
  try { return [JSON.parse(t)]; } catch { /* NDJSON or noise around the JSON */ }
  for (const line of t.split(/\r?\n/)) {
    try { out.push(JSON.parse(line)); } catch { /* not JSON */ }
  }
  if (out.length === 0) {
    const start = t.indexOf('{');
    const end = t.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try { out.push(JSON.parse(t.slice(start, end + 1))); } catch { /* give up */ }
    }
  }
  return out;
}

const REFUSED = /\b(E?4\d\d|E?5\d\d|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|socket hang up|network|Method Not Allowed|not found|unreachable|forbidden|unauthorized)\b/i;

function refusal(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => REFUSED.test(l)) ?? text.trim().split(/\r?\n/)[0] ?? '';
  return line.slice(0, 300);
}

/** `stdout`/`stderr` of `<pm> audit --json`. Anything but a well-formed report is a refusal. */
export function parseAudit(manager: string, stdout: string, stderr: string): AuditParse {
  const objects = jsonObjects(stdout).filter(isRec);
  for (const o of objects) {
    if (isRec(o.error) || (typeof o.statusCode === 'number' && o.statusCode >= 400)) {
      const e = isRec(o.error) ? o.error : {};
      const detail = [o.message, e.message, e.summary, e.code].find((x) => typeof x === 'string' && x.trim()) ?? `HTTP ${o.statusCode ?? '?'}`;
      return { ok: false, reason: `the registry refused the audit: ${String(detail).trim()}` };
    }
  }
  const npm7 = objects.find((o) => isRec(o.vulnerabilities) && (o.auditReportVersion !== undefined || isRec(o.metadata)));
  if (npm7 && isRec(npm7.vulnerabilities)) {
    const list = Object.entries(npm7.vulnerabilities).filter(([, v]) => isRec(v)).map(([name, v]) => {
      const via = Array.isArray((v as Rec).via) ? ((v as Rec).via as unknown[]).find(isRec) : undefined;
      return { name, severity: severityOf((v as Rec).severity), title: via && typeof via.title === 'string' ? via.title : null };
    });
    return { ok: true, figures: figures(list) };
  }
  const v6 = objects.find((o) => isRec(o.advisories) && isRec(o.metadata));
  if (v6 && isRec(v6.advisories)) {
    const list = Object.values(v6.advisories).filter(isRec).map((a) => ({
      name: String(a.module_name ?? '?'), severity: severityOf(a.severity), title: typeof a.title === 'string' ? a.title : null,
    }));
    return { ok: true, figures: figures(list) };
  }
  const yarnAdvisories = objects.filter((o) => o.type === 'auditAdvisory' && isRec(o.data) && isRec(o.data.advisory));
  const yarnSummary = objects.find((o) => o.type === 'auditSummary');
  if (yarnSummary || yarnAdvisories.length) {
    const byId = new Map<string, AuditFigures['packages'][number]>();
    for (const o of yarnAdvisories) {
      const a = (o.data as Rec).advisory as Rec;
      byId.set(String(a.id ?? byId.size), { name: String(a.module_name ?? '?'), severity: severityOf(a.severity), title: typeof a.title === 'string' ? a.title : null });
    }
    return { ok: true, figures: figures([...byId.values()]) };
  }
  const errorLine = objects.find((o) => o.type === 'error');
  const text = errorLine ? String(errorLine.data ?? '') : `${stderr}\n${stdout}`;
  return { ok: false, reason: `${manager} audit gave no report: ${refusal(text) || 'no output'}` };
}
