import ts from 'typescript';
import { requireOf } from '../../collect/scope.js';
import { dbClientOptionsOf, dbOptionShapeOf, TLS_REJECT_ENV, tlsCallOf, tlsKeyPackages, tlsSwitchOf } from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { bindingsOf } from '../shared/imports.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { canGive, decideReading, envReadingOf, readingAt, settingEvidence, type EnvReading } from '../shared/env-default.js';
import { isLocalUrl } from '../../knowledge/index.js';

function keyOf(name: ts.PropertyName | ts.MemberName | undefined): string | null {
  if (!name) return null;
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name) ? name.text : null;
}

/** Which value of a reading turns verification (or TLS) off: exactly it (`rejectUnauthorized === false`), or its truthiness. */
interface Off { value: boolean; strict: boolean }
const isOff = (off: Off, v: string | boolean | null): boolean => (off.strict ? v === off.value : Boolean(v) === off.value);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** Options that name a local host (`host: 'localhost'`, a connection string to 127.0.0.1): no network to protect. */
function connectsLocally(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((p) => {
    if (!ts.isPropertyAssignment(p)) return false;
    const k = keyOf(p.name);
    const v = unwrap(p.initializer);
    if (!k || !ts.isStringLiteralLike(v)) return false;
    if (k === 'host' || k === 'hostname') return isLocalUrl(`tcp://${v.text}`);
    return ['connectionString', 'url', 'uri'].includes(k) && isLocalUrl(v.text);
  });
}

function unwrapUp(n: ts.Node): ts.Node {
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

/** A value that gives no TLS options: `false`, `null`, `undefined`. */
function givesNone(e: ts.Expression): boolean {
  const x = unwrap(e);
  return x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
}

/** Whether an object literal turns verification off with a literal (`rejectUnauthorized: false`). */
function turnsOff(e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isObjectLiteralExpression(x) && x.properties.some((p) => ts.isPropertyAssignment(p) && keyOf(p.name) !== null
    && tlsSwitchOf(keyOf(p.name)!, p.initializer.kind === ts.SyntaxKind.TrueKeyword) !== null && (p.initializer.kind === ts.SyntaxKind.TrueKeyword || p.initializer.kind === ts.SyntaxKind.FalseKeyword));
}

/**
 * The database a config object is for, by its shape (knowledge DB_OPTION_SHAPES): TLS options under
 * `key` of `holder`, which sits under other keys of an object naming its driver (`client: 'pg'` and
 * `connection.ssl`; `dialect: 'postgres'` and `dialectOptions.ssl`). Null when no shape fits.
 */
function shapeWhere(holder: ts.ObjectLiteralExpression, key: string): string | null {
  const path = [key];
  let obj: ts.ObjectLiteralExpression = holder;
  for (let i = 0; i < 3; i++) {
    for (const p of obj.properties) {
      const k = ts.isPropertyAssignment(p) ? keyOf(p.name) : null;
      const v = k && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
      const shape = k && v && ts.isStringLiteralLike(v) ? dbOptionShapeOf(k, v.text, path) : null;
      if (shape) return `\`${path.join('.')}\` options of a ${shape.package} config (\`${k}: '${(v as ts.StringLiteral).text}'\`)`;
    }
    const up = unwrapUp(obj).parent;
    if (!ts.isPropertyAssignment(up) || !ts.isObjectLiteralExpression(up.parent) || keyOf(up.name) === null) return null;
    path.unshift(keyOf(up.name)!);
    obj = up.parent;
  }
  return null;
}

/** The key paths, from an object literal, of the objects in it that turn verification off with a literal (`[['ssl'], ['extra', 'ssl']]`). */
function offPaths(obj: ts.ObjectLiteralExpression, prefix: string[] = [], out: string[][] = []): string[][] {
  if (prefix.length > 4) return out;
  if (prefix.length > 0 && turnsOff(obj)) out.push(prefix);
  for (const p of obj.properties) {
    const k = ts.isPropertyAssignment(p) ? keyOf(p.name) : null;
    const v = k && ts.isPropertyAssignment(p) ? unwrap(p.initializer) : null;
    if (k && v && ts.isObjectLiteralExpression(v)) offPaths(v, [...prefix, k], out);
  }
  return out;
}

/** Marks a finding on a client given options imported from another file: the review reads that file's records. */
const IMPORTED = 'importedOptions';

/**
 * The review of a database client given an imported options object (`new Pool(dbConfig)`): found when
 * the export it resolves to (through the link) holds TLS options that turn verification off at a path
 * where that client reads them.
 */
function reviewImported(finding: RuleFinding, ctx: ReviewContext): RuleFinding | null {
  const { [IMPORTED]: raw, ...data } = finding.data!;
  const ref = JSON.parse(String(raw)) as { spec: string; imported: string; members: string[]; paths: string[][] };
  const file = finding.path ? ctx.link.resolveImport(finding.path, ref.spec) : null;
  const target = file ? ctx.link.resolveExport(file, ref.imported) : null;
  if (!target || !('decl' in target)) return null;
  const decl = target.decl;
  const wanted = ref.paths.map((p) => [...ref.members, ...p].join('.'));
  const rec = ctx.records().find((r) => r.type === 'tlsOffExport' && r.path === decl.path && r.name === decl.id && wanted.includes(String(r.at)));
  if (!rec) return null;
  const at = `${String(rec.path)}:${String(rec.line)}`;
  return {
    ...finding, messageId: 'optionImported', severity: 'medium',
    data: { ...data, at, path: String(rec.at).slice(ref.members.length ? ref.members.join('.').length + 1 : 0) },
    evidence: [...finding.evidence, { kind: 'file', path: String(rec.path), line: Number(rec.line), snippet: String(rec.text) }],
  };
}

/** Where TLS options sit, and the branch of a condition that gives them (`ssl: isProd ? { ... } : false`). */
interface Place { where: string; branch?: { condition: ts.Expression; when: boolean; other: ts.Expression } }

export default defineSourceRule({
  id: 'security/tls-verification-off',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'TLS certificate verification is turned off',
    rationale: 'With verification off the connection is encrypted to whoever answers: anyone on the path (a shared network, a proxy, a spoofed DNS answer) can present any certificate and read the database password, the API key and the data.',
    remediation: { text: 'Keep verification on and give the client the server\'s CA (`ssl: { ca: fs.readFileSync(...) }`, or the provider\'s CA bundle); never set NODE_TLS_REJECT_UNAUTHORIZED=0.', effort: 'low' },
    messages: {
      option: '`{{option}}: {{value}}` in the {{where}}: the server\'s certificate is not verified',
      env: '{{name}} set to "0": certificate verification is off for every TLS connection of the process',
      envOff: '`{{option}}: {{value}}` in the {{where}}: certificate verification is off where the service runs: {{said}}',
      envDepends: '`{{option}}: {{value}}` in the {{where}}: certificate verification is on only because the deployment sets {{vars}}; any deploy without it runs unverified: {{said}}',
      envUnresolved: '`{{option}}: {{value}}` in the {{where}}: certificate verification depends on a value verdict could not resolve (not verified)',
      optionImported: '{{client}} is given {{name}}, whose `{{path}}` options set `rejectUnauthorized: false` ({{at}}): the server\'s certificate is not verified',
      // Said only until the review has read the imported options (it confirms the finding or drops it).
      optionImportedPending: '{{client}} is given {{name}}, imported: read by the review',
      sslOff: '`ssl: {{value}}` in the {{where}}: the database connection is not encrypted where the service runs: {{said}}',
      sslDepends: '`ssl: {{value}}` in the {{where}}: the database connection is encrypted only because the deployment sets {{vars}}; any deploy without it sends credentials and data in clear: {{said}}',
    },
  },
  // The switches, and the calls of the database clients whose options may come from another file.
  triggers: ['rejectUnauthorized', 'tlsAllowInvalidCertificates', 'tlsInsecure', TLS_REJECT_ENV.name, 'Pool(', 'new Client(', '.Client(', 'createPool(', 'createConnection(', 'DataSource(', 'knex(', 'Sequelize('],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  review(finding, layout, ctx) {
    const id = finding.messageId;
    if (id === 'optionImportedPending') return reviewImported(finding, ctx);
    if (id !== 'envOff' && id !== 'sslOff') return finding;
    const rec = ctx.records().find((r) => r.path === finding.path && r.line === finding.line && r.off);
    const reading = readingAt(ctx.records(), finding.path, finding.line);
    if (!rec || !reading) return finding;
    const off = rec.off as unknown as Off;
    const outcome = decideReading(reading, finding.path ?? '', layout, ctx);
    if (!outcome) return reading.ref ? { ...finding, messageId: 'envUnresolved', severity: 'info' } : null;
    const offByDefault = isOff(off, outcome.defaultValue);
    const data = { ...finding.data, said: outcome.said, vars: outcome.setBy.map((s) => s.name).join(', ') };
    const evidence = [...finding.evidence, ...settingEvidence(outcome)];
    // Off where the service runs weighs what a literal `rejectUnauthorized: false` weighs (the rule's medium):
    // an environment switch is no worse than the constant; on only because a deployment sets it, low.
    if (isOff(off, outcome.value)) return { ...finding, data, evidence, severity: 'medium' };
    if (offByDefault) return { ...finding, messageId: id === 'envOff' ? 'envDepends' : 'sslDepends', data, evidence, severity: 'low' };
    return null;
  },
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const imports = (packages: readonly string[]): boolean => {
      const b = bindingsOf(ctx.sourceFile, packages);
      return b.whole.size > 0 || b.named.size > 0;
    };
    /** The Node TLS call an expression names through the file's imports: `new Agent(...)`, `https.request(...)`. */
    const tlsCall = (callee: ts.Expression) => {
      if (ts.isIdentifier(callee)) {
        const b = ctx.scope.resolve(callee);
        const imp = b && (b.kind === 'import' ? b : requireOf(b));
        return imp ? tlsCallOf(imp.from, imp.imported) : null;
      }
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const b = ctx.scope.resolve(callee.expression);
        const imp = b && (b.kind === 'import' ? b : requireOf(b));
        if (imp && (imp.imported === '*' || imp.imported === 'default')) return tlsCallOf(imp.from, callee.name.text);
      }
      return null;
    };
    /** The identifiers of this file that refer to a variable's declaration (its uses). */
    const usesOf = (decl: ts.VariableDeclaration): ts.Identifier[] => {
      const name = (decl.name as ts.Identifier).text;
      const out: ts.Identifier[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isIdentifier(n) && n.text === name && n !== decl.name && ctx.scope.resolve(n)?.decl === decl) out.push(n);
        ts.forEachChild(n, visit);
      };
      visit(ctx.sourceFile);
      return out;
    };
    /**
     * Where an expression holding TLS options is such options, described: the value of a key a library the
     * file imports keeps them under, or of a database config's shape; an argument of a Node TLS call; a
     * branch of a condition that is one of those; a const whose uses are. Null when nothing says it is.
     */
    const placeOf = (e: ts.Expression, depth = 0): Place | null => {
      if (depth > 4) return null;
      const at = unwrapUp(e);
      const parent = at.parent;
      if (ts.isConditionalExpression(parent) && (parent.whenTrue === at || parent.whenFalse === at)) {
        const outer = placeOf(parent, depth + 1);
        if (!outer || outer.branch) return outer;
        const when = parent.whenTrue === at;
        return { ...outer, branch: { condition: parent.condition, when, other: when ? parent.whenFalse : parent.whenTrue } };
      }
      if (ts.isVariableDeclaration(parent) && parent.initializer === at && ts.isIdentifier(parent.name) && ts.isVariableDeclarationList(parent.parent) && (parent.parent.flags & ts.NodeFlags.Const) !== 0) {
        for (const use of usesOf(parent)) {
          const place = placeOf(use, depth + 1);
          if (place) return place;
        }
        return null;
      }
      let key: string | null = null;
      if ((ts.isPropertyAssignment(parent) && parent.initializer === at) || (ts.isShorthandPropertyAssignment(parent) && parent.name === at)) key = keyOf(parent.name);
      else if (ts.isBinaryExpression(parent) && parent.right === at && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = parent.left;
        if (ts.isPropertyAccessExpression(left)) key = left.name.text;
        else if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)) key = left.argumentExpression.text;
      }
      if (key) {
        const packages = tlsKeyPackages(key);
        if (packages && imports(packages)) return { where: `\`${key}\` options of ${packages.filter((p) => imports([p])).join(', ')}` };
        const holder = parent.parent;
        return packages && (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) && ts.isObjectLiteralExpression(holder) ? (w => (w ? { where: w } : null))(shapeWhere(holder, key)) : null;
      }
      if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments) {
        const call = tlsCall(parent.expression);
        if (call && parent.arguments[call.arg] === at) return { where: `options of ${call.module}.${call.export}` };
      }
      return null;
    };
    /**
     * For a switch whose own value depends on the environment: TLS options not under a condition. Under one
     * (`ssl: sslOn ? { rejectUnauthorized: env } : undefined`) the switch matters only where that branch is
     * taken, which the review's one reading cannot say: not judged (the branch without TLS is `sslOff`'s).
     */
    const tlsOptionsWhere = (obj: ts.ObjectLiteralExpression): string | null => {
      const place = placeOf(obj);
      return place && !place.branch ? place.where : null;
    };
    /** Where a switch sits, when it is one verdict knows (`rejectUnauthorized` in TLS options, mongodb's own). */
    const switchWhere = (p: ts.PropertyAssignment, option: string, off: boolean): string | null => {
      const sw = tlsSwitchOf(option, off);
      if (!sw || !ts.isObjectLiteralExpression(p.parent)) return null;
      return sw.within === 'tls-options'
        ? tlsOptionsWhere(p.parent)
        : sw.packages && imports(sw.packages) ? `client options of ${sw.packages.filter((x) => imports([x])).join(', ')}` : null;
    };
    /** Records what the review needs (the reading, and which value is off) and reports it provisionally (the review decides). */
    const record = (p: ts.PropertyAssignment, reading: EnvReading, off: Off, messageId: string, data: Record<string, string>): void => {
      ctx.emit({ line: ctx.lineOf(p), reading: reading as unknown as Record<string, unknown>, off: off as unknown as Record<string, unknown> });
      ctx.report({ node: p, messageId, severity: 'medium', data: { ...data, said: reading.text, vars: '' } });
    };
    /**
     * A switch whose value depends on the environment (`rejectUnauthorized: process.env.NODE_ENV === 'production'`,
     * `config.isProd`), or TLS options given only under a condition (`ssl: isProd ? { ca } : false`): recorded
     * when some configuration turns verification (or TLS) off; the review decides it with the deployment's settings.
     */
    const dependentSwitch = (p: ts.PropertyAssignment, option: string): void => {
      const init = p.initializer;
      const offValue = tlsSwitchOf(option, false) ? false : tlsSwitchOf(option, true) ? true : null;
      if (offValue !== null) {
        const where = switchWhere(p, option, offValue);
        const reading = where ? envReadingOf(init, ctx.sourceFile, ctx.scope) : null;
        const off: Off = { value: offValue, strict: true };
        if (where && reading && canGive(reading, (x) => isOff(off, x))) record(p, reading, off, 'envOff', { option, value: reading.text, where });
        return;
      }
      // `ssl: cond ? {...} : false`: no TLS where the condition takes the branch that gives no options.
      const packages = tlsKeyPackages(option);
      const c = unwrap(init);
      if (!packages || !imports(packages) || !ts.isConditionalExpression(c) || !ts.isObjectLiteralExpression(p.parent) || connectsLocally(p.parent)) return;
      const none = (e: ts.Expression) => { const x = unwrap(e); return x.kind === ts.SyntaxKind.FalseKeyword || x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined'); };
      // TLS options that turn verification off are reported at their switch: the branch's lack of TLS adds nothing.
      const given = (e: ts.Expression) => { const x = unwrap(e); return (ts.isObjectLiteralExpression(x) && !turnsOff(x)) || x.kind === ts.SyntaxKind.TrueKeyword; };
      const offWhen = none(c.whenFalse) && given(c.whenTrue) ? false : none(c.whenTrue) && given(c.whenFalse) ? true : null;
      const reading = offWhen === null ? null : envReadingOf(c.condition, ctx.sourceFile, ctx.scope);
      if (offWhen === null || !reading) return;
      const off: Off = { value: offWhen, strict: false };
      if (!canGive(reading, (x) => isOff(off, x))) return;
      const where = `${option} options of ${packages.filter((x) => imports([x])).join(', ')}`;
      record(p, reading, off, 'sslOff', { value: c.getText(ctx.sourceFile).replace(/\s+/g, ' ').slice(0, 80), where });
    };
    /** The database client a call or `new` is (knowledge DB_CLIENT_OPTIONS), through the file's imports. */
    const clientOf = (callee: ts.Expression, how: 'new' | 'call') => {
      let id = callee;
      let member: string | null = null;
      if (ts.isPropertyAccessExpression(id) && ts.isIdentifier(id.expression)) [member, id] = [id.name.text, id.expression];
      if (!ts.isIdentifier(id)) return null;
      const b = ctx.scope.resolve(id);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      if (!imp) return null;
      if (member !== null) return imp.imported === '*' || imp.imported === 'default' ? dbClientOptionsOf(imp.from, member, how) : null;
      return dbClientOptionsOf(imp.from, imp.imported === '*' ? 'default' : imp.imported, how);
    };
    /** A client given options imported from another file (`new Pool(dbConfig)`, `knex(config.db)`): reported for the review. */
    const clientCall = (call: ts.CallExpression | ts.NewExpression, how: 'new' | 'call'): void => {
      const client = clientOf(call.expression, how);
      const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      if (!client || args.length === 0) return;
      const arg = unwrap(args[client.arg === 'last' ? args.length - 1 : client.arg] ?? args[0]);
      const members: string[] = [];
      let root: ts.Expression = arg;
      while (ts.isPropertyAccessExpression(root)) {
        members.unshift(root.name.text);
        root = unwrap(root.expression);
      }
      if (!ts.isIdentifier(root) || members.length > 3) return;
      const b = ctx.scope.resolve(root);
      if (b?.kind !== 'import' || b.imported === '*') return;
      const ref = { spec: b.from, imported: b.imported, members, paths: client.tlsPaths };
      ctx.report({ node: call, messageId: 'optionImportedPending', data: { client: `${client.module} ${client.export === 'default' ? '' : client.export}`.trim(), name: arg.getText(ctx.sourceFile).slice(0, 60), at: '', path: '', [IMPORTED]: JSON.stringify(ref) } });
    };
    return {
      CallExpression(node) { clientCall(node as ts.CallExpression, 'call'); },
      NewExpression(node) { clientCall(node as ts.NewExpression, 'new'); },
      'file:end'() {
        if (!ctx.text.includes('rejectUnauthorized')) return;
        // Exported option objects that turn verification off somewhere inside: a client in another file may be given one.
        for (const st of ctx.sourceFile.statements) {
          if (!ts.isVariableStatement(st) || !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
          for (const d of st.declarationList.declarations) {
            const init = d.initializer && unwrap(d.initializer);
            if (!ts.isIdentifier(d.name) || !init || !ts.isObjectLiteralExpression(init)) continue;
            for (const path of offPaths(init)) {
              let o: ts.ObjectLiteralExpression = init;
              for (const k of path) o = unwrap((o.properties.find((p) => ts.isPropertyAssignment(p) && keyOf(p.name) === k) as ts.PropertyAssignment).initializer) as ts.ObjectLiteralExpression;
              const sw = o.properties.find((p) => ts.isPropertyAssignment(p) && keyOf(p.name) === 'rejectUnauthorized') ?? o;
              ctx.emit({ type: 'tlsOffExport', name: d.name.text, at: path.join('.'), line: ctx.lineOf(sw), text: sw.getText(ctx.sourceFile).slice(0, 120) });
            }
          }
        }
      },
      PropertyAssignment(node) {
        const p = node as ts.PropertyAssignment;
        const option = keyOf(p.name);
        const v = p.initializer.kind;
        if (option && v !== ts.SyntaxKind.TrueKeyword && v !== ts.SyntaxKind.FalseKeyword) {
          dependentSwitch(p, option);
          return;
        }
        if (!option) return;
        const sw = tlsSwitchOf(option, v === ts.SyntaxKind.TrueKeyword);
        if (!sw || !ts.isObjectLiteralExpression(p.parent)) return;
        const data = { option, value: String(sw.off) };
        if (sw.within !== 'tls-options') {
          if (sw.packages && imports(sw.packages)) ctx.report({ node: p, messageId: 'option', data: { ...data, where: `client options of ${sw.packages.filter((x) => imports([x])).join(', ')}` } });
          return;
        }
        const place = placeOf(p.parent);
        if (!place) return;
        // Options given under a condition whose other branch verifies: judged by the value the condition takes
        // where the service runs. The other branch giving no TLS (or also off): unverified or in clear either way.
        const branch = place.branch;
        const reading = branch && !givesNone(branch.other) && !turnsOff(branch.other) ? envReadingOf(branch.condition, ctx.sourceFile, ctx.scope) : null;
        if (branch && reading) {
          const off: Off = { value: branch.when, strict: false };
          if (canGive(reading, (x) => isOff(off, x))) record(p, reading, off, 'envOff', { ...data, where: place.where });
          return;
        }
        ctx.report({ node: p, messageId: 'option', data: { ...data, where: place.where } });
      },
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const left = b.left;
        const name = ts.isPropertyAccessExpression(left) ? left.name.text
          : ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : null;
        if (name !== TLS_REJECT_ENV.name) return;
        const env = (left as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
        if (!ts.isPropertyAccessExpression(env) || env.name.text !== 'env' || !ts.isIdentifier(env.expression) || env.expression.text !== 'process' || ctx.scope.resolve(env.expression)) return;
        const r = b.right;
        const value = ts.isStringLiteralLike(r) ? r.text : ts.isNumericLiteral(r) ? r.text : null;
        if (value === TLS_REJECT_ENV.off) ctx.report({ node: b, messageId: 'env', data: { name: TLS_REJECT_ENV.name } });
      },
    };
  },
});

