// "WebSocket cleanup on close/error", "Comprehensive connection cleanup", "Zero memory leaks": decided
// from the release code's WebSocket server (knowledge/websockets): the handlers the runtime calls when a
// connection ends, and whether they release what the code keeps per connection (the socket in a set or
// map). A named end without a handler, or a collection a socket is added to and never removed from,
// contradicts the claim; a wording broader than sockets ("resource cleanup") can be refuted by a socket
// leak but is not confirmed by socket handlers alone.
import ts from 'typescript';
import { HOLD_METHODS, LISTEN_METHODS, RELEASE_FUNCTIONS, RELEASE_METHODS, SOCKET_APIS, type SocketApi, type SocketEnd } from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { lineOf, type ParsedFile, parsedFile } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const CLEANUP = /\b(clean\s?-?ups?|cleaned|cleaning|released?|leaks?|leaking)\b/i;
const SOCKETS = /\bweb\s?-?sockets?\b|\bws\b|\bsockets?\b/i;
const BROADER = /\b(connections?|resources?)\b/i;
const EVERY = /\b(comprehensive|complete|full|fully|all|every|zero|no)\b/i;
const DENIES = /❌|\bmissing\b|\bno\s+(\w+\s+){0,2}clean\s?-?up\b|\bnot\s+(cleaned|released)\b|\bwithout\s+clean/i;

/** The claim's subject, or null when the line is not about cleaning up connections. */
export function socketCleanupClaim(text: string): Subject | null {
  const t = text.replace(/\*\*|__|`/g, '');
  if (!CLEANUP.test(t)) return null;
  const sockets = SOCKETS.test(t);
  if (!sockets && !BROADER.test(t)) return null;
  const events = [...new Set([...t.matchAll(/\b(close|error)\b/gi)].map((m) => m[1].toLowerCase()))];
  return { topic: 'socket-cleanup', events: events.length && !EVERY.test(t.replace(/\b(zero|no)\s+memory\s+leaks?\b/i, '')) ? events.join(',') : 'all', sockets, denies: DENIES.test(t) };
}

interface Handler { end: SocketEnd; node: ts.Node; at: Hit; releases: Hit[]; released: Set<string> }
interface Server { api: SocketApi; file: ParsedFile; accept: Hit; handlers: Handler[]; holds: Array<{ collection: string; at: Hit }> }

const calleeName = (e: ts.Expression): string => (ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '');
const receiverText = (e: ts.Expression, f: ParsedFile): string => (ts.isPropertyAccessExpression(e) ? e.expression.getText(f.sf) : '');

/** The first API whose accept the file holds, with the node that accepts. */
function acceptIn(f: ParsedFile): { api: SocketApi; node: ts.Node } | null {
  for (const api of SOCKET_APIS) {
    let found: ts.Node | null = null;
    const visit = (n: ts.Node): void => {
      if (found) return;
      for (const a of api.accepts) {
        if (a.how === 'method' && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === a.name) found = n;
        if (a.how === 'new' && ts.isNewExpression(n) && n.expression.getText(f.sf) === a.name) found = n;
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
    if (found) return { api, node: found };
  }
  return null;
}

/** What a handler's body gives up: collections it deletes from or clears, timers it stops, sockets it closes. */
function releasesOf(body: ts.Node, f: ParsedFile): { releases: Hit[]; released: Set<string> } {
  const releases: Hit[] = [];
  const released = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if ((ts.isPropertyAccessExpression(n.expression) && RELEASE_METHODS.includes(name)) || (ts.isIdentifier(n.expression) && RELEASE_FUNCTIONS.includes(name))) {
        releases.push(lineOf(n, f));
        if (name === 'delete' || name === 'clear') released.add(receiverText(n.expression, f));
      }
    }
    if (ts.isDeleteExpression(n)) releases.push(lineOf(n, f));
    ts.forEachChild(n, visit);
  };
  visit(body);
  return { releases, released };
}

function handlersIn(f: ParsedFile, api: SocketApi): Handler[] {
  const out: Handler[] = [];
  const add = (end: SocketEnd, node: ts.Node, body: ts.Node | undefined) => {
    const r = body ? releasesOf(body, f) : { releases: [], released: new Set<string>() };
    out.push({ end, node, at: lineOf(node, f), ...r });
  };
  const visit = (n: ts.Node): void => {
    for (const end of api.ends) {
      if (end.how === 'class-method' && ts.isMethodDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === end.name && ts.isClassLike(n.parent)) add(end, n, n.body);
      if (end.how === 'listener' && ts.isCallExpression(n) && LISTEN_METHODS.includes(calleeName(n.expression)) && ts.isPropertyAccessExpression(n.expression)) {
        const [ev, fn] = n.arguments;
        if (ev && ts.isStringLiteralLike(ev) && ev.text === end.name) add(end, n, fn);
      }
      if (end.how === 'property' && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken
        && ts.isPropertyAccessExpression(n.left) && n.left.name.text === end.name) add(end, n, n.right);
    }
    ts.forEachChild(n, visit);
  };
  visit(f.sf);
  return out;
}

/** The names a socket goes by in the file: the accepted argument and parameters typed as a WebSocket. */
function socketNames(f: ParsedFile, accept: ts.Node): Set<string> {
  const names = new Set<string>();
  if (ts.isCallExpression(accept)) for (const a of accept.arguments) if (ts.isIdentifier(a)) names.add(a.text);
  const visit = (n: ts.Node): void => {
    if (ts.isParameter(n) && ts.isIdentifier(n.name) && n.type && /\bWebSocket\b/.test(n.type.getText(f.sf))) names.add(n.name.text);
    // wss.on('connection', (ws) => ...): the callback's first parameter is the socket.
    if (ts.isCallExpression(n) && LISTEN_METHODS.includes(calleeName(n.expression)) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])
      && n.arguments[0].text === 'connection' && n.arguments[1] && ts.isFunctionLike(n.arguments[1])) {
      const p = (n.arguments[1] as ts.FunctionLikeDeclaration).parameters[0];
      if (p && ts.isIdentifier(p.name)) names.add(p.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(f.sf);
  return names;
}

/** Collections a socket is put in: `this.subscribers.add(ws)`, `clients.set(id, ws)`. */
function holdsIn(f: ParsedFile, names: Set<string>): Array<{ collection: string; at: Hit }> {
  const out: Array<{ collection: string; at: Hit }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && HOLD_METHODS.includes(n.expression.name.text)
      && n.arguments.some((a) => ts.isIdentifier(a) && names.has(a.text))) {
      const collection = receiverText(n.expression, f);
      if (!out.some((h) => h.collection === collection)) out.push({ collection, at: lineOf(n, f) });
    }
    ts.forEachChild(n, visit);
  };
  visit(f.sf);
  return out;
}

export function socketServers(ctx: CheckContext): Server[] {
  const out: Server[] = [];
  for (const path of ctx.repo.serviceFiles()) {
    const f = parsedFile(ctx, path);
    if (!f || !f.lines.some((l) => /WebSocket/.test(l))) continue;
    const acc = acceptIn(f);
    if (!acc) continue;
    out.push({ api: acc.api, file: f, accept: lineOf(acc.node, f), handlers: handlersIn(f, acc.api), holds: holdsIn(f, socketNames(f, acc.node)) });
  }
  return out;
}

/** What is wrong with a server's cleanup for the ends named, or null when each is handled and releases what it must. */
function leak(s: Server, events: string[]): { reason: string; evidence: Evidence[] } | null {
  const where = `${s.file.path} (${s.api.id} WebSocket, accepted at line ${s.accept.line})`;
  for (const event of events) {
    const own = s.handlers.filter((h) => h.end.event === event);
    if (own.length === 0) {
      const names = s.api.ends.filter((e) => e.event === event).map((e) => e.name).join(' / ');
      return { reason: `${where} has no ${event} handler (${names}): a connection that ends that way is never cleaned up`,
        evidence: [fileEvidence(s.accept), ...s.handlers.slice(0, 2).map((h) => fileEvidence(h.at)), figure(`${event} handlers in ${s.file.path}`, 0)] };
    }
    if (own.every((h) => h.releases.length === 0)) {
      return { reason: `the ${event} handler at ${s.file.path}:${own[0].at.line} releases nothing (no delete, clear, clearInterval or close)`, evidence: [fileEvidence(own[0].at)] };
    }
  }
  const ends = s.handlers.filter((h) => events.includes(h.end.event));
  const kept = s.holds.filter((h) => !ends.some((e) => e.released.has(h.collection)));
  if (kept.length) {
    return { reason: `${kept[0].collection} keeps sockets (${s.file.path}:${kept[0].at.line}) and no ${events.join('/')} handler removes them`,
      evidence: [fileEvidence(kept[0].at), ...ends.slice(0, 2).map((h) => fileEvidence(h.at))] };
  }
  return null;
}

export function socketCleanup(s: Subject, ctx: CheckContext): Check {
  const servers = socketServers(ctx);
  if (servers.length === 0) return unverifiable('no server-side WebSocket in the release code (nothing accepts a connection): the cleanup named has no resolved subject');
  const say = (holds: boolean, reason: string, evidence: Evidence[]) => ((holds !== Boolean(s.denies)) ? confirmed : contradicted)(reason, evidence);
  for (const srv of servers) {
    const events = s.events === 'all' ? [...new Set(srv.api.ends.map((e) => e.event))] : String(s.events).split(',');
    const bad = leak(srv, events);
    if (bad) return say(false, bad.reason, bad.evidence);
  }
  const ev = servers.flatMap((srv) => srv.handlers.flatMap((h) => [fileEvidence(h.at), ...h.releases.slice(0, 1).map(fileEvidence)])).slice(0, 4);
  const what = servers.map((srv) => `${srv.file.path}: ${srv.handlers.map((h) => `${h.end.name} at line ${h.at.line}`).join(', ')}`).join('; ');
  // Sockets released say nothing of timers, pools or caches a broader wording covers.
  if (!s.sockets && !s.denies) return unverifiable(`every WebSocket end is handled and releases the socket (${what}); other resources the wording covers are not checked`);
  return say(true, `every WebSocket end named is handled and releases what the connection holds (${what})`, ev);
}
