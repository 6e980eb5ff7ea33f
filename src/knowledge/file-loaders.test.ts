import { describe, expect, it } from 'vitest';
import { FOLDER_LISTINGS, folderListingOf } from './file-loaders.js';

describe('knowledge/file-loaders: folder listings', () => {
  it('finds the listing by the import and the members read on it', () => {
    expect(folderListingOf('fs', '*', ['readdirSync'])?.folder).toBe('dir');
    expect(folderListingOf('node:fs', 'readdirSync', [])?.folder).toBe('dir');
    expect(folderListingOf('glob', '*', ['sync'])?.folder).toBe('glob');
    expect(folderListingOf('glob', 'globSync', [])?.folder).toBe('glob');
    expect(folderListingOf('require-directory', 'default', [])?.folder).toBe('modules');
    expect(folderListingOf('require-directory', '*', [])?.folder).toBe('modules');
  });
  it('other calls of those modules list nothing', () => {
    expect(folderListingOf('fs', '*', ['readFileSync'])).toBeNull();
    expect(folderListingOf('fs', 'existsSync', [])).toBeNull();
    expect(folderListingOf('path', '*', ['join'])).toBeNull();
  });
  it('every entry has an example and a source', () => {
    for (const l of FOLDER_LISTINGS) {
      expect(l.example.length).toBeGreaterThan(10);
      expect(l.source).toMatch(/^https:\/\//);
    }
  });
});
