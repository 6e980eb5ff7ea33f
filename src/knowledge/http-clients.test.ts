import { describe, expect, it } from 'vitest';
import { rejectsOnErrorStatus } from './http-clients.js';

describe('rejectsOnErrorStatus', () => {
  it('knows the clients that reject on an error status, those that resolve, and says null for the rest', () => {
    expect(rejectsOnErrorStatus('axios#default#post')).toBe(true);
    expect(rejectsOnErrorStatus('got#default')).toBe(true);
    expect(rejectsOnErrorStatus('fetch')).toBe(false);
    expect(rejectsOnErrorStatus('node-fetch#default')).toBe(false);
    expect(rejectsOnErrorStatus('fastify.axios.post')).toBeNull();
    expect(rejectsOnErrorStatus('./client#api#post')).toBeNull();
  });
});
