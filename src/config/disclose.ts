// What a configuration changes about the audit, one line per setting, and whose it is. The audited
// repository's own verdict.config.json can turn rules off, lower severities, skip paths and exempt
// findings: a reviewer must see that at the top of the report, not infer it from a missing finding.
import type { VerdictConfig } from './schema.js';

export type ConfigOrigin = 'repository' | 'user' | 'none';

export interface ConfigChange {
  kind: 'rule-off' | 'severity' | 'ignore' | 'exemption' | 'gate' | 'probe' | 'auth' | 'boundary' | 'role';
  text: string;
}

/** Every setting that changes what is checked or how it is judged (`$schema` changes nothing). */
export function configChanges(config: VerdictConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  for (const [rule, setting] of Object.entries(config.rules ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(setting === 'off' ? { kind: 'rule-off', text: `rule ${rule} turned off` } : { kind: 'severity', text: `rule ${rule} set to severity ${setting}` });
  }
  for (const glob of config.ignore ?? []) out.push({ kind: 'ignore', text: `files matching ${glob} not read` });
  for (const [glob, role] of Object.entries(config.roles ?? {})) out.push({ kind: 'role', text: `files matching ${glob} given the role ${role}` });
  for (const e of config.exemptions ?? []) {
    out.push({ kind: 'exemption', text: `${e.rule} exempted in ${e.path}${e.expires ? ` until ${e.expires}` : ''}: ${e.reason}` });
  }
  const gate = config.gate ?? {};
  if (gate.nogoSeverities) out.push({ kind: 'gate', text: `NO-GO severities set to [${gate.nogoSeverities.join(', ')}]` });
  if (gate.conditionSeverities) out.push({ kind: 'gate', text: `condition severities set to [${gate.conditionSeverities.join(', ')}]` });
  if (gate.unknownBlocking) out.push({ kind: 'gate', text: `an unverified blocking check counts as ${gate.unknownBlocking}` });
  if (gate.blockingRules?.length) out.push({ kind: 'gate', text: `extra blocking rules: ${gate.blockingRules.join(', ')}` });
  const probes = config.probes ?? {};
  for (const kind of ['install', 'typecheck', 'tests', 'lint', 'audit', 'build'] as const) {
    const p = probes[kind];
    if (!p) continue;
    if (p.off) out.push({ kind: 'probe', text: `${kind} probe turned off` });
    if (p.command) out.push({ kind: 'probe', text: `${kind} probe runs \`${p.command}\` instead of the planned command` });
    if (p.cwd) out.push({ kind: 'probe', text: `${kind} probe runs in ${p.cwd}` });
  }
  for (const name of config.auth?.middleware ?? []) out.push({ kind: 'auth', text: `${name} counted as authentication middleware` });
  for (const glob of config.boundaries?.database?.allow ?? []) out.push({ kind: 'boundary', text: `files matching ${glob} may touch the database` });
  return out;
}
