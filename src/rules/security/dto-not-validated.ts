import { bodyWriteFacts, type DeclaredDto } from '../../collect/facts/body-writes.js';
import { routeFactsOf, routeRecords, type KindOf } from '../../collect/facts/routes.js';
import { symbolFacts, type DeclFact } from '../../collect/facts/symbols.js';
import { DTO_VALIDATION, validationPipeOf } from '../../knowledge/index.js';
import { nestRoot } from '../../link/routes.js';
import { isTestSide, fileRole } from '../../util/roles.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';

type Pipe = NonNullable<KindOf<'route'>['nestBody']>['pipes'][number];
/** What a pipe does to a class-validator DTO: validates it, leaves it unchecked, or could not be read (with why). */
type PipeJudgment = { validates: true } | { validates: false } | { unknown: string };

export default defineRepoRule({
  id: 'security/dto-not-validated',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'NestJS handlers take a class-validator DTO that no validation pipe checks',
    rationale: 'class-validator decorators (`@IsEmail()`, `@MinLength(8)`, `@IsEnum(Role)`) are metadata: nothing reads them until a pipe validates the body. Without `app.useGlobalPipes(new ValidationPipe())`, an `APP_PIPE` provider or a pipe on the handler, the handler gets whatever the client sent: invalid values and extra keys (`role`) included.',
    remediation: {
      text: 'Install the pipe for the whole app in the bootstrap: `app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))` (or provide it as `APP_PIPE` in the root module), so every DTO is checked and undeclared keys are refused.',
      effort: 'low',
    },
    messages: {
      unvalidated: '{{method}} {{path}} takes {{dto}} ({{constraints}}, {{dtoAt}}) but no validation pipe runs on it: {{why}}. The body is whatever the client sends',
    },
  },
  check(ctx) {
    const routes = routeRecords(ctx.facts(routeFactsOf), 'route').filter((r) => r.framework === 'nestjs' && r.nestBody && !isTestSide(fileRole(r.path)));
    if (routes.length === 0) return ctx.notApplicable('no NestJS handler takes a body parameter declared with a class');
    const globals = routeRecords(ctx.facts(routeFactsOf), 'nest-global');
    const dtos = ctx.facts(bodyWriteFacts).filter((r): r is DeclaredDto => r.type === 'dto');
    const symbols = ctx.facts(symbolFacts).filter((s): s is DeclFact => s.type === 'decl');
    const judgePipe = (file: string, p: Pipe): PipeJudgment => pipeJudgment(ctx, symbols, file, p);
    let validated = 0;
    let found = 0;
    const unknown: string[] = [];
    for (const r of routes) {
      const body = r.nestBody!;
      const dto = dtoConstraints(ctx, r.path, body.dto, dtos, 0);
      // Not a class-validator DTO verdict can read: no constraint to enforce, nothing to say.
      if (!dto || dto.validators.length === 0) continue;
      const own = body.pipes.map((p) => judgePipe(r.path, p));
      if (own.some((j) => 'validates' in j && j.validates)) { validated++; continue; }
      const app = globals.filter((g) => r.path.startsWith(nestRoot(g.path)) && ctx.packageOf(g.path) === ctx.packageOf(r.path));
      const global = app.flatMap((g) => (g.pipes ?? []).map((p) => ({ g, j: judgePipe(g.path, p) })));
      if (global.some((x) => 'validates' in x.j && x.j.validates)) { validated++; continue; }
      const unread = [...own, ...global.map((x) => x.j)].find((j): j is { unknown: string } => 'unknown' in j);
      if (unread) { unknown.push(`${r.path}:${body.line} (${unread.unknown})`); continue; }
      const boot = app.find((g) => g.bootstrap !== undefined);
      if (!boot) { unknown.push(`${r.path}:${body.line} (no file of its app calls NestFactory.create: where pipes are installed was not found)`); continue; }
      found++;
      const installed = global.map((x) => `${x.g.path}:${x.g.line}`);
      ctx.report({
        messageId: 'unvalidated',
        data: {
          method: r.method, path: r.url, dto: body.dto, constraints: dto.validators.slice(0, 4).map((v) => `@${v}`).join(', '), dtoAt: `${dto.path}:${dto.line}`,
          why: `${boot.path}:${boot.bootstrap} makes the app with no useGlobalPipes, no module provides APP_PIPE, and the handler has no @UsePipes or @Body(pipe)${installed.length > 0 ? ` (the pipes installed do not validate class-validator DTOs: ${installed.join(', ')})` : ''}`,
        },
        location: { path: r.path, line: body.line },
        evidence: [
          { kind: 'file', path: dto.path, line: dto.line, snippet: `${body.dto}: ${dto.validators.map((v) => `@${v}`).join(', ')}` },
          { kind: 'file', path: boot.path, line: boot.bootstrap!, snippet: 'NestFactory.create: the app, with no global validation pipe' },
        ],
      });
    }
    if (found > 0) return;
    if (unknown.length > 0) return ctx.unknown(`whether a validation pipe checks these DTOs was not decided: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`);
    ctx.pass(`${validated} handler(s) taking a class-validator DTO run behind a validation pipe`);
  },
});

/** The class-validator constraints of a DTO the name resolves to, its bases' included (`extends PartialType(CreateUserDto)`); null when it does not resolve to a DTO. */
function dtoConstraints(ctx: RepoRuleContext, from: string, name: string, dtos: DeclaredDto[], depth: number): { validators: string[]; path: string; line: number } | null {
  if (depth > 4) return null;
  const target = ctx.link.resolveName(from, name);
  const at = target && 'decl' in target ? { path: target.decl.path, name: target.decl.id } : target ? null : { path: from, name };
  const d = at ? dtos.find((x) => x.path === at.path && x.name === at.name) : undefined;
  if (!d) return null;
  const validators = new Set(d.validators ?? []);
  for (const b of d.bases) for (const v of (b.name ? dtoConstraints(ctx, d.path, b.name, dtos, depth + 1)?.validators : undefined) ?? []) validators.add(v);
  return { validators: [...validators], path: d.path, line: d.line };
}

/**
 * Whether a pipe validates a class-validator DTO: a library's, by knowledge (ValidationPipe; a zod pipe
 * does not); one of the repository's, by its code, resolved through the link: the class extends
 * ValidationPipe, or it (its `transform`) calls class-validator's `validate`. A pipe that resolves to
 * nothing verdict can read is unknown.
 */
function pipeJudgment(ctx: RepoRuleContext, symbols: DeclFact[], file: string, p: Pipe): PipeJudgment {
  const name = p.name;
  // Imported from a package (no file of the repository): judged by knowledge.
  if (p.from !== null && ctx.link.resolveImport(file, p.from) === null) {
    const known = p.from && p.imported ? validationPipeOf(p.from, p.imported) : null;
    if (known) return known.validates === 'class-validator' ? { validates: true } : { validates: false };
    // A package's other pipes (`ParseIntPipe`) validate no DTO; one verdict has no entry for may.
    return p.from === '@nestjs/common' ? { validates: false } : { unknown: `${name} from ${p.from} at ${file}:${p.line}` };
  }
  const target = ctx.link.resolveName(file, name);
  const decl = target && 'decl' in target ? target.decl : null;
  if (!decl) return { unknown: `${name} at ${file}:${p.line} does not resolve to a declaration` };
  const own = symbols.filter((s) => s.path === decl.path && (s.id === decl.id || s.id.startsWith(`${decl.id}.`)));
  const refs = own.flatMap((s) => s.refs);
  const extendsPipe = refs.some((r) => r.module && r.name && validationPipeOf(r.module, r.name)?.validates === 'class-validator');
  const calls = refs.some((r) => r.module === DTO_VALIDATION.module && (DTO_VALIDATION.validators as readonly string[]).includes(r.name ?? ''));
  return extendsPipe || calls ? { validates: true } : { validates: false };
}
