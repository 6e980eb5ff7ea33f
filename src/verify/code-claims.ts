// Claims whose subject is a structure of the code verify resolves itself: a library option read from
// its resolved call, a route's middleware chain or handler, a config file's setting. Tried after the
// general classification: a line the general checks leave unverifiable gets this resolution when its
// words name such a subject (a plan stays a plan).
import { routeChain, routeClaim } from './checks/chain.js';
import { configClaim, configSetting } from './checks/config.js';
import type { Check, CheckContext } from './checks/context.js';
import { moduleClaim, moduleUse } from './checks/module-use.js';
import { option, optionClaim } from './checks/options.js';
import { classMembers, membersClaim } from './checks/members.js';
import { declaration, declarationClaim } from './checks/declaration.js';
import { bindingNames, bindingNamesClaim } from './checks/binding-names.js';
import { migrationPlace, migrationPlaceClaim } from './checks/migration-place.js';
import { queueClaim, queueFed } from './checks/queue-feed.js';
import { perUserSalt, saltClaim } from './checks/salt.js';
import { wiring, wiringClaim } from './checks/wiring.js';
import { docPart, docPartClaim, docScript, docScriptClaim } from './checks/doc-parts.js';
import { cliFlag, cliFlagClaim } from './checks/cli-flag.js';
import { failFast, failFastClaim } from './checks/fail-fast.js';
import { createsClaim, createsRecords, persistenceClaim, invokesClaim, invokesModule } from './checks/creates.js';
import { declSpan, declSpanClaim } from './checks/decl-span.js';
import { socketCleanup, socketCleanupClaim } from './checks/socket-cleanup.js';
import { queryTimeout, queryTimeoutClaim } from './checks/query-timeout.js';
import type { RawClaim } from './extract.js';
import type { ClaimKind, Subject } from './model.js';

export interface CodeClaim { kind: ClaimKind; subject: Subject; check: Check }

export function codeClaim(raw: RawClaim, ctx: CheckContext): CodeClaim | null {
  const text = raw.text;
  const cfg = configClaim(text, raw.parent, raw.cells?.[0]?.value ?? null);
  if (cfg) return { kind: 'config', subject: cfg, check: configSetting(cfg, ctx, text) };
  const route = routeClaim(text);
  if (route) return { kind: 'route', subject: route, check: routeChain(route, ctx, text) };
  const opt = optionClaim(text);
  if (opt) return { kind: 'option', subject: opt, check: option(opt, ctx, text) };
  const members = membersClaim(raw, ctx.reportText);
  if (members) return { kind: 'option', subject: members, check: classMembers(members, ctx) };
  const wired = wiringClaim(text);
  if (wired) return { kind: 'option', subject: wired, check: wiring(wired, ctx, text) };
  const salt = saltClaim(text);
  if (salt) return { kind: 'option', subject: salt, check: perUserSalt(salt, ctx) };
  const queue = queueClaim(text);
  if (queue) return { kind: 'option', subject: queue, check: queueFed(queue, ctx) };
  const place = migrationPlaceClaim(raw);
  if (place) return { kind: 'migration', subject: place, check: migrationPlace(place, ctx) };
  const names = bindingNamesClaim(raw);
  if (names) return { kind: 'config', subject: names, check: bindingNames(names, ctx) };
  const decl = declarationClaim(raw);
  if (decl) return { kind: 'option', subject: decl, check: declaration(decl, ctx) };
  const span = declSpanClaim(raw, ctx.reportText);
  if (span) return { kind: 'line-range', subject: span, check: declSpan(span, ctx) };
  const part = docPartClaim(raw, ctx.reportText);
  if (part) return { kind: 'topic', subject: part, check: docPart(part, ctx) };
  const script = docScriptClaim(raw, ctx.reportText);
  if (script) return { kind: 'topic', subject: script, check: docScript(script, ctx) };
  const sockets = socketCleanupClaim(text);
  if (sockets) return { kind: 'option', subject: sockets, check: socketCleanup(sockets, ctx) };
  const timeout = queryTimeoutClaim(text);
  if (timeout) return { kind: 'option', subject: timeout, check: queryTimeout(timeout, ctx) };
  const creates = createsClaim(text);
  if (creates) return { kind: 'option', subject: creates, check: createsRecords(creates, ctx) };
  const persists = persistenceClaim(raw, ctx);
  if (persists) return { kind: 'option', subject: persists, check: createsRecords(persists, ctx) };
  const invokes = invokesClaim(text, raw.line, ctx.reportText);
  if (invokes) return { kind: 'option', subject: invokes, check: invokesModule(invokes, ctx) };
  const fast = failFastClaim(text);
  if (fast) return { kind: 'option', subject: fast, check: failFast(fast, ctx) };
  const flag = cliFlagClaim(text);
  if (flag) return { kind: 'option', subject: flag, check: cliFlag(flag, ctx) };
  const mod = moduleClaim(text);
  if (mod) return { kind: 'symbol', subject: mod, check: moduleUse(mod, ctx, text) };
  return null;
}
