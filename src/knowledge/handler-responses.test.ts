import { describe, expect, it } from 'vitest';
import { errorHandlerPositions, HANDLER_RESPONSES } from './handler-responses.js';

const fw = (name: string) => HANDLER_RESPONSES.find((h) => h.framework === name)!;

describe('errorHandlerPositions', () => {
  it('Express: any four-parameter handler, the response third', () => {
    expect(errorHandlerPositions(fw('express'), 4, 'use')).toEqual({ error: 0, response: 2 });
    expect(errorHandlerPositions(fw('express'), 3, 'use')).toBeNull();
  });
  it('Hono: the function handed to onError, (err, c)', () => {
    expect(errorHandlerPositions(fw('hono'), 2, 'onError')).toEqual({ error: 0, response: 1 });
    expect(errorHandlerPositions(fw('hono'), 2, 'get')).toBeNull();
  });
  it('Fastify: the function handed to setErrorHandler, (error, request, reply)', () => {
    expect(errorHandlerPositions(fw('fastify'), 3, 'setErrorHandler')).toEqual({ error: 0, response: 2 });
    expect(errorHandlerPositions(fw('fastify'), 3, 'get')).toBeNull();
  });
  it('Koa has none registered this way', () => {
    expect(errorHandlerPositions(fw('koa'), 2, 'onError')).toBeNull();
  });
});
