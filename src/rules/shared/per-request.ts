// Which declarations run each time a request is served: the handlers of the link stage's route table
// and what they call, followed through the call graph. Each is kept with the path from its route, for
// a finding's evidence (`POST /orders (src/app.ts:12) → OrderService.create (src/orders.ts:8)`).
import ts from 'typescript';
import type { Link } from '../../link/index.js';
import { handlerCallees, handlerDecl, isHttp, type AssembledRoute } from './routes.js';

/** How many calls from the handler the walk follows. */
const MAX_DEPTH = 5;

export interface PerRequest {
  /** Declaration key -> the steps from a route to it. */
  reached: ReadonlyMap<string, readonly string[]>;
  /** The route registered at a line of a file (`file:line`), for a handler written in place. */
  registered: ReadonlyMap<string, AssembledRoute>;
}

const routeStep = (r: AssembledRoute) => `${r.method} ${r.path} (${r.file}:${r.line})`;

export function perRequest(link: Link): PerRequest {
  const reached = new Map<string, readonly string[]>();
  const registered = new Map<string, AssembledRoute>();
  let frontier: string[] = [];
  const add = (key: string, path: readonly string[]): void => {
    if (reached.has(key)) return;
    reached.set(key, path);
    frontier.push(key);
  };
  for (const r of link.routes.routes) {
    if (!isHttp(r) || r.websocket) continue;
    if (!registered.has(`${r.file}:${r.line}`)) registered.set(`${r.file}:${r.line}`, r);
    const seeds = [handlerDecl(link, r), ...handlerCallees(link, r)];
    for (const d of seeds) if (d) add(d.key, [routeStep(r), `${d.id} (${d.path}:${d.line})`]);
  }
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next = frontier;
    frontier = [];
    for (const key of next) {
      const path = reached.get(key)!;
      for (const e of link.callees(key)) {
        const d = link.decl(e.to);
        if (d && (d.kind === 'method' || d.kind === 'function' || d.kind === 'member' || d.kind === 'variable')) add(d.key, [...path, `${d.id} (${d.path}:${d.line})`]);
      }
    }
  }
  return { reached, registered };
}

/** The lines of the calls a function written in place is handed to (`app.post('/x', wrap(async (req, res) => ...))`): where a route registers it. */
export function registeredAt(fn: ts.SignatureDeclaration, lineOf: (n: ts.Node) => number): number[] {
  const lines: number[] = [];
  let n: ts.Node = fn;
  while ((ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isCallExpression(n)) && n.parent && ts.isCallExpression(n.parent) && n.parent.arguments.includes(n as ts.Expression)) {
    n = n.parent;
    const call = n as ts.CallExpression;
    lines.push(lineOf(call), lineOf(call.expression), ...(call.arguments[0] ? [lineOf(call.arguments[0])] : []));
  }
  return [...new Set(lines)];
}

/**
 * The steps from a route to a finding's function: the route registered at one of `registered`'s lines
 * (a JSON list, for a handler written in place), or the route that reaches the declaration `decl`.
 */
export function routeOf(world: PerRequest, path: string, registered: unknown, decl: unknown): readonly string[] | undefined {
  for (const line of JSON.parse(String(registered ?? '[]')) as number[]) {
    const r = world.registered.get(`${path}:${line}`);
    if (r) return [routeStep(r)];
  }
  return decl ? world.reached.get(`${path}#${String(decl)}`) : undefined;
}
