import { describe, expect, it } from 'vitest';
import { layoutFrom } from '../tester.js';
import { deploymentSettings } from './deploy-env.js';

const settingsOf = (docs: Record<string, string>, layout = {}) => deploymentSettings(new Map(Object.entries(docs)), layoutFrom(layout, Object.keys(docs)));

describe('deploymentSettings: what the deployment files set', () => {
  it('reads render.yaml envVars, Kubernetes env, a start script and the example env file, each with its line', () => {
    const s = settingsOf({
      'render.yaml': 'services:\n  - type: web\n    envVars:\n      - key: NODE_ENV\n        value: production\n',
      'k8s/deployment.yaml': 'spec:\n  containers:\n    - name: api\n      env:\n        - name: DB_SSL\n          value: "true"\n',
      '.env.example': '# copy me\nLOG_LEVEL=debug\nSECRET=\n',
      'package.json': '{\n  "scripts": {\n    "start": "NODE_ENV=production node dist/main.js"\n  }\n}',
    }, { packages: [{ name: 'svc', manifestPath: 'package.json', scripts: { start: 'NODE_ENV=production node dist/main.js' } }] });
    expect(s.get('NODE_ENV')?.map((x) => [x.path, x.line, x.value, x.via])).toEqual([
      ['render.yaml', 4, 'production', 'render.yaml envVars'],
      ['package.json', 3, 'production', 'the start script'],
    ]);
    expect(s.get('DB_SSL')?.[0]).toMatchObject({ value: 'true', line: 5, via: 'Kubernetes container env' });
    expect(s.get('LOG_LEVEL')?.[0]).toMatchObject({ value: 'debug', line: 2, example: true });
    // An empty value in the example file sets nothing.
    expect(s.has('SECRET')).toBe(false);
  });

  it('leaves out a development Dockerfile, a build stage the image does not ship, and values taken from the host', () => {
    const s = settingsOf({
      'Dockerfile.dev': 'FROM node:20\nENV NODE_ENV=development\n',
      Dockerfile: 'FROM node:20 AS build\nENV NODE_ENV=test\nRUN npm ci\nFROM node:20-slim\nENV PORT=3000\n',
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      - NODE_ENV=${NODE_ENV}\n      - TZ=UTC\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: x\n',
    });
    expect(s.has('NODE_ENV')).toBe(false);
    expect(s.get('PORT')?.[0]).toMatchObject({ path: 'Dockerfile', line: 5 });
    expect(s.get('TZ')?.[0]).toMatchObject({ via: 'compose environment of "api"' });
    expect(s.has('POSTGRES_PASSWORD')).toBe(false);
  });
});
