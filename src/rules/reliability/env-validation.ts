import { defineRepoRule } from '../api.js';
import { byPackage, factsOf, requiredEnvReads, serverPackages, servicePackageNames, where } from '../shared/runtime.js';
import { isTestSide } from '../../util/roles.js';

function sharedDirs(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length - 1 && i < y.length - 1 && x[i] === y[i]) i++;
  return i;
}

export default defineRepoRule({
  id: 'reliability/env-validation',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Environment not validated at startup',
    rationale: 'A missing or malformed variable should stop the service at boot with a clear message, not surface as `undefined` in the first request that needs it, possibly hours after the deploy went green.',
    remediation: { text: 'Parse the environment once at startup with a schema (`z.object({...}).parse(process.env)`, envalid `cleanEnv`, `@t3-oss/env-core` `createEnv`) or a check that throws, and import the parsed object instead of reading `process.env` directly.', effort: 'low' },
    messages: {
      notValidated: '{{count}} environment variable(s) are read ({{names}}) but nothing validates the environment at startup',
    },
  },
  check(ctx) {
    const services = servicePackageNames(ctx);
    if (services.size === 0) return ctx.notApplicable('no server or Worker found');
    const reads = byPackage(ctx, requiredEnvReads(ctx));
    const validations = factsOf(ctx, 'env-validation').filter((v) => !isTestSide(v.role));
    const servers = serverPackages(ctx);
    for (const pkg of services) {
      const mine = reads.get(pkg) ?? [];
      const names = [...new Set(mine.map((r) => r.name))];
      const v = validations.find((x) => ctx.packageOf(x.path) === pkg);
      if (names.length === 0 && !v) {
        ctx.notApplicable('reads no environment variable without a default', pkg);
        continue;
      }
      if (v) {
        ctx.pass(`${names.length} variable(s) read; validated by ${v.via} at ${v.path}:${v.line}`, pkg);
        continue;
      }
      // Point at the read closest to the server's entry rather than at a helper script.
      const entry = servers.get(pkg)?.[0]?.path;
      const near = (p: string) => (p === entry ? 100 : sharedDirs(p, entry ?? ''));
      if (entry) mine.sort((a, b) => near(b.path) - near(a.path));
      const first = mine[0];
      ctx.report({
        messageId: 'notValidated',
        data: { count: names.length, names: `${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''}` },
        location: where(first),
        evidence: mine.slice(1, 6).map((r) => ({ kind: 'file' as const, path: r.path, line: r.line, snippet: r.snippet ?? r.name })),
      });
      ctx.pass(`${names.length} variable(s) read, no validation found`, pkg);
    }
  },
});
