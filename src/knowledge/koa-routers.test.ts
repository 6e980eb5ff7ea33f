import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { isKoaRouterPackage, KOA_ROUTER_METHODS, KOA_ROUTER_PACKAGES, makesKoaRouter, PASS_THROUGH_OPTIONS, passThroughOption } from './koa-routers.js';

/** The module specifiers an example imports or requires. */
function modulesOf(code: string): string[] {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && n.expression.getText(sf) === 'require' && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('Koa routing knowledge', () => {
  it('each router package entry has a source and an example that imports it and constructs a router', () => {
    for (const p of KOA_ROUTER_PACKAGES) {
      expect(p.source, p.package).toMatch(/^https:\/\//);
      expect(modulesOf(p.example), p.example).toContain(p.package);
      expect(p.example, p.example).toMatch(/new \w*Router\(/);
    }
  });

  it('tells the exports that make routers from other exports of the same packages', () => {
    expect(makesKoaRouter('@koa/router', 'default')).toBe(true);
    expect(makesKoaRouter('koa-router', '*')).toBe(true); // `require('koa-router')` binds the module
    expect(makesKoaRouter('koa-swagger-decorator', 'SwaggerRouter')).toBe(true);
    expect(makesKoaRouter('koa-swagger-decorator', 'request')).toBe(false);
    expect(makesKoaRouter('koa', 'default')).toBe(false);
    expect(isKoaRouterPackage('koa-route')).toBe(false);
  });

  it('says what a router method hands to app.use, and nothing for other names', () => {
    expect(KOA_ROUTER_METHODS.routes).toBe('mount');
    expect(KOA_ROUTER_METHODS.allowedMethods).toBe('methods-only');
    expect(Object.hasOwn(KOA_ROUTER_METHODS, 'prefix')).toBe(false);
  });

  it('names the pass-through options of koa-jwt and express-jwt, each shown in its example', () => {
    for (const o of PASS_THROUGH_OPTIONS) {
      expect(o.source).toMatch(/^https:\/\//);
      expect(modulesOf(o.example)).toContain(o.module);
      expect(o.example).toContain(`${o.key}: ${o.value}`);
    }
    expect(passThroughOption('koa-jwt')).toEqual({ key: 'passthrough', value: true });
    expect(passThroughOption('express-jwt')).toEqual({ key: 'credentialsRequired', value: false });
    expect(passThroughOption('jsonwebtoken')).toBeNull();
  });
});
