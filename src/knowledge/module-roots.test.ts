import { describe, expect, it } from 'vitest';
import { MODULE_ROOT_PACKAGES, moduleRootPackageOf, nodePathOfScript } from './module-roots.js';

describe('knowledge/module-roots', () => {
  it('knows each package by the module its example imports', () => {
    for (const p of MODULE_ROOT_PACKAGES) {
      expect(p.example).toContain(`require('${p.module}')`);
      expect(moduleRootPackageOf(p.module)).toBe(p);
    }
    expect(moduleRootPackageOf('app-module-path')).toBeNull();
    expect(moduleRootPackageOf('root-path-helper')).toBeNull();
  });

  it('reads NODE_PATH from a package script, and nothing it cannot know', () => {
    expect(nodePathOfScript('NODE_PATH=./src node index.js')).toEqual(['./src']);
    expect(nodePathOfScript('cross-env NODE_ENV=production NODE_PATH=. nodemon server.js')).toEqual(['.']);
    expect(nodePathOfScript("NODE_PATH='lib:shared' node app")).toEqual(['lib', 'shared']);
    expect(nodePathOfScript('NODE_PATH=$HOME/lib node app')).toEqual([]);
    expect(nodePathOfScript('MY_NODE_PATH=x node app && echo NODE_PATH')).toEqual([]);
  });
});
