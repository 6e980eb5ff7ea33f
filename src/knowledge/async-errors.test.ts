import { describe, expect, it } from 'vitest';
import { ASYNC_CLIENTS, ASYNC_ERROR_HELPERS, asyncClientOf, asyncErrorHelperOf, expressForwardsRejections, promiseRouteMethodBase } from './index.js';

describe('async error knowledge', () => {
  it('Express forwards rejected handler promises from 5; a range naming no version is not decided', () => {
    for (const r of ['^5.0.1', '5.1.0', '>=5', '~5.0.0-beta.3', '5.x']) expect(expressForwardsRejections(r), r).toBe(true);
    for (const r of ['^4.18.2', '~4.17.1', '4.19.0', '4.x', '^3.0.0']) expect(expressForwardsRejections(r), r).toBe(false);
    for (const r of ['latest', '*', 'workspace:*', 'next']) expect(expressForwardsRejections(r), r).toBeNull();
  });

  it('knows the helpers by import: a patch by its module, wrappers and routers by their exports, nothing else', () => {
    expect(asyncErrorHelperOf('express-async-errors', '*')?.how).toBe('patch');
    expect(asyncErrorHelperOf('express-async-handler', 'default')?.how).toBe('wrapper');
    expect(asyncErrorHelperOf('@awaitjs/express', 'wrap')?.how).toBe('wrapper');
    expect(asyncErrorHelperOf('@awaitjs/express', 'addAsync')?.how).toBe('router');
    expect(asyncErrorHelperOf('express-promise-router', 'default')?.how).toBe('router');
    expect(asyncErrorHelperOf('express', 'Router')).toBeNull();
    expect(asyncErrorHelperOf('@awaitjs/express', 'json')).toBeNull();
    for (const h of ASYNC_ERROR_HELPERS) expect(h.example.length > 0 && h.source.startsWith('https://'), h.package).toBe(true);
  });

  it('clients whose methods reject, by how they are made', () => {
    expect(asyncClientOf('nodemailer', 'default', 'factory', 'createTransport')?.methods).toContain('sendMail');
    expect(asyncClientOf('nodemailer', '*', 'factory', 'createTransport')?.methods).toContain('sendMail');
    expect(asyncClientOf('bullmq', 'Queue', 'new')?.methods).toContain('add');
    expect(asyncClientOf('@prisma/client', 'PrismaClient', 'new')?.onMember).toBe(true);
    expect(asyncClientOf('bullmq', 'Worker', 'new')).toBeNull();
    expect(asyncClientOf('nodemailer', 'default', 'factory', 'getTestMessageUrl')).toBeNull();
    for (const c of ASYNC_CLIENTS) expect(c.source.startsWith('https://'), c.package).toBe(true);
  });
});

describe('promiseRouteMethodBase', () => {
  it("maps @awaitjs/express's methods to Express's and nothing else", () => {
    expect(promiseRouteMethodBase('postAsync')).toBe('post');
    expect(promiseRouteMethodBase('useAsync')).toBe('use');
    expect(promiseRouteMethodBase('readFileAsync')).toBeNull();
    expect(promiseRouteMethodBase('post')).toBeNull();
  });
});
