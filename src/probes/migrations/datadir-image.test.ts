import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageFile, readImage, writeImage } from './datadir-image.js';

const dir = mkdtempSync(join(tmpdir(), 'verdict-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tar = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));

describe('PGlite data directory image', () => {
  it('is named for its PGlite version', () => {
    expect(imageFile(dir, '0.5.14')).toBe(join(dir, 'pglite-0.5.14.datadir'));
    expect(imageFile(dir, '1.0.0/../x')).toBe(join(dir, 'pglite-1.0.0_.._x.datadir'));
  });

  it('reads back the tar it wrote, in a buffer of its own', () => {
    const file = join(dir, 'roundtrip.datadir');
    expect(writeImage(file, '0.5.14', tar)).toBeNull();
    const read = readImage(file, '0.5.14');
    expect(read.tar).toEqual(tar);
    expect(read.tar!.byteOffset).toBe(0);
    expect(read.tar!.buffer.byteLength).toBe(tar.length);
  });

  it('says nothing when there is no image yet', () => {
    expect(readImage(join(dir, 'absent.datadir'), '0.5.14')).toEqual({ tar: null, problem: null });
  });

  it('rejects a damaged image, one of another PGlite version, a file that is no image, and a truncated one', () => {
    const file = join(dir, 'checked.datadir');
    writeImage(file, '0.5.14', tar);
    const good = readFileSync(file);

    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] ^= 1;
    writeFileSync(file, flipped);
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: damaged (its SHA-256 does not match)` });

    writeFileSync(file, good);
    expect(readImage(file, '0.6.0')).toEqual({ tar: null, problem: `${file}: made by PGlite 0.5.14, not 0.6.0` });

    writeFileSync(file, Buffer.concat([Buffer.from('{"format":"something-else","sha256":"x"}\n'), tar]));
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: not a verdict PGlite data directory image` });
    writeFileSync(file, tar);
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: not a verdict PGlite data directory image` });

    writeFileSync(file, good.subarray(0, good.length - 10));
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: damaged (its SHA-256 does not match)` });
  });

  it('says why it cannot write, and leaves no file behind', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const problem = writeImage(join(blocker, 'pglite-0.5.14.datadir'), '0.5.14', tar);
    expect(problem).toMatch(/^.*not-a-folder\/pglite-0\.5\.14\.datadir: cannot write the PGlite data directory image \(.+\); each audit runs initdb$/);
  });
});
