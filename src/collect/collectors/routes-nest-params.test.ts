// What a NestJS parameter decorator hands a handler: the framework's own by the knowledge, one of the
// app's own by what its `createParamDecorator` callback reads of `getRequest()`.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { nestParamField } from '../../knowledge/index.js';
import { paramDecoratorField } from './routes-nest.js';

function factoryCall(code: string): ts.CallExpression {
  const sf = ts.createSourceFile('d.ts', code, ts.ScriptTarget.Latest, true);
  let call: ts.CallExpression | null = null;
  const visit = (n: ts.Node): void => {
    if (!call && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'createParamDecorator') call = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!call) throw new Error('no createParamDecorator call in the snippet');
  return call;
}

describe('NestJS parameter decorators', () => {
  it('names the request field of the framework\'s own decorators, null for the whole request, undefined for any other', () => {
    expect(nestParamField('@nestjs/common', 'Session')).toBe('session');
    expect(nestParamField('@nestjs/common', 'Body')).toBe('body');
    expect(nestParamField('@nestjs/common', 'Req')).toBeNull();
    expect(nestParamField('@nestjs/common', 'Res')).toBe('res');
    expect(nestParamField('@nestjs/common', 'Controller')).toBeUndefined();
    expect(nestParamField('./user.decorator', 'Session')).toBeUndefined();
  });

  it('reads the one field a createParamDecorator callback returns of the request', () => {
    expect(paramDecoratorField(factoryCall('createParamDecorator((d, ctx) => ctx.switchToHttp().getRequest().user);'))).toBe('user');
    expect(paramDecoratorField(factoryCall('createParamDecorator((d, ctx) => { const req = ctx.switchToHttp().getRequest(); return d ? req.user?.[d] : req.user; });'))).toBe('user');
    expect(paramDecoratorField(factoryCall('createParamDecorator((d, ctx) => { const { session } = ctx.switchToHttp().getRequest(); return session; });'))).toBe('session');
  });

  it('is null for a callback that reads more than one field of the request, or none', () => {
    expect(paramDecoratorField(factoryCall('createParamDecorator((d, ctx) => { const req = ctx.switchToHttp().getRequest(); return req.user ?? decode(req.headers.authorization); });'))).toBeNull();
    expect(paramDecoratorField(factoryCall("createParamDecorator(() => 'fixed');"))).toBeNull();
    expect(paramDecoratorField(factoryCall('createParamDecorator(handler);'))).toBeNull();
  });
});
