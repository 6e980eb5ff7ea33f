import { describe, expect, it } from 'vitest';
import { isEnvFile, isEnvTemplate } from './index.js';

describe('knowledge/environment: env templates by name', () => {
  it('a template word after `.env` and any separator, or before `.env`', () => {
    for (const p of ['.env.example', '.env-sample', '.env_template', 'apps/api/.env.production.example', '.env.example.local', 'example.env', 'deploy/sample.env', '.env.dist', '.env.defaults'])
      expect(isEnvTemplate(p), p).toBe(true);
  });
  it('not an env file the service runs with, nor a code module named like one', () => {
    for (const p of ['.env', '.env.local', '.env.production', 'prod.env', 'src/env.example.ts', 'env.sample.json', 'src/environment.ts', '.envrc'])
      expect(isEnvTemplate(p), p).toBe(false);
  });
  it('files a loader reads at run time are templates only when asked to include them', () => {
    expect(isEnvTemplate('.env.defaults', { loadedToo: false })).toBe(false);
    expect(isEnvTemplate('.env-sample', { loadedToo: false })).toBe(true);
  });
});

describe('knowledge/environment: env files by name', () => {
  it('dotenv files, templates included; not code or look-alikes', () => {
    for (const p of ['.env', 'apps/api/.env.production', '.env.example']) expect(isEnvFile(p), p).toBe(true);
    for (const p of ['src/env.ts', '.envrc', 'prod.env', '.env-sample']) expect(isEnvFile(p), p).toBe(false);
  });
});
