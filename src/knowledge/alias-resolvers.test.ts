import { describe, expect, it } from 'vitest';
import { ALIAS_RESOLVERS, BUNDLING_FRAMEWORKS, bundlingFrameworkOf, buildAliasResolverIn, codeAliasResolverOf, commandsOf, runtimeAliasResolverIn } from './index.js';

const words = (line: string) => commandsOf(line);

describe('alias resolvers', () => {
  it("each entry's example is read as that resolver, and each cites its source", () => {
    for (const r of ALIAS_RESOLVERS) {
      expect(r.source, r.name).toMatch(/^https:\/\//);
      if (r.kind === 'build') expect(words(r.example).map(buildAliasResolverIn).find(Boolean)?.name, r.example).toBe(r.name);
      if (r.kind === 'runtime') expect(runtimeAliasResolverIn(words(r.example)[0])?.name, r.example).toBe(r.name);
      if (r.kind === 'code') expect(codeAliasResolverOf(/'([^']+)'/.exec(r.example)![1])?.name, r.example).toBe(r.name);
    }
  });

  it('frameworks that bundle the server are named by their package', () => {
    for (const f of BUNDLING_FRAMEWORKS) expect(bundlingFrameworkOf({ [f.package]: '1' })).toBe(f.package);
    expect(bundlingFrameworkOf({ express: '^4', typescript: '^5' })).toBeNull();
  });

  it('plain tsc, node, ts-node and dev builds resolve nothing', () => {
    expect(words('tsc -p tsconfig.build.json').map(buildAliasResolverIn).find(Boolean)).toBeUndefined();
    expect(buildAliasResolverIn(['vite'])).toBeNull();
    expect(buildAliasResolverIn(['nest', 'start'])).toBeNull();
    expect(runtimeAliasResolverIn(['node', 'dist/main.js'])).toBeNull();
    expect(runtimeAliasResolverIn(['node', '-r', 'dotenv/config', 'dist/main.js'])).toBeNull();
    expect(runtimeAliasResolverIn(['ts-node', 'src/main.ts'])).toBeNull();
    expect(runtimeAliasResolverIn(['node', '--require=tsconfig-paths/register', 'dist/main.js'])?.name).toBe('tsconfig-paths preloaded');
    expect(codeAliasResolverOf('tsconfig-paths-webpack-plugin')).toBeNull();
  });
});
