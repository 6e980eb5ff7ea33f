import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheSeal } from '../../util/cache-seal.js';
import { imageFile, readImage as readSealed, writeImage as writeSealed } from './datadir-image.js';

const dir = mkdtempSync(join(tmpdir(), 'verdict-image-'));
const seal = CacheSeal.open(join(dir, 'keys'));
const readImage = (file: string, version: string) => readSealed(file, version, seal);
const writeImage = (file: string, version: string, tar: Uint8Array) => writeSealed(file, version, tar, seal);
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
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: its seal does not match (damaged, or not written by this verdict)` });

    writeFileSync(file, good);
    expect(readImage(file, '0.6.0')).toEqual({ tar: null, problem: `${file}: made by PGlite 0.5.14, not 0.6.0` });

    writeFileSync(file, Buffer.concat([Buffer.from('{"format":"something-else","seal":"x"}\n'), tar]));
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: not a verdict PGlite data directory image` });
    writeFileSync(file, tar);
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: not a verdict PGlite data directory image` });

    writeFileSync(file, good.subarray(0, good.length - 10));
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: its seal does not match (damaged, or not written by this verdict)` });
  });

  it('rejects an image whose plain digest was made to match: only the key holder can seal one', () => {
    // What a process that can write the folder but cannot read the key could do: a header of the
    // right form over its own data directory, with a SHA-256 (the earlier format) or a seal it guessed.
    const file = join(dir, 'forged.datadir');
    const forged = new Uint8Array(4096).fill(3);
    const sha = createHash('sha256').update(forged).digest('hex');
    writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify({ format: 'verdict-pglite-datadir/2', pglite: '0.5.14', seal: sha })}\n`), forged]));
    expect(readImage(file, '0.5.14').tar).toBeNull();
    // Sealed with another key (another user's, an old one): not trusted either.
    const other = CacheSeal.open(join(dir, 'other-keys'));
    expect(writeSealed(file, '0.5.14', forged, other)).toBeNull();
    expect(readImage(file, '0.5.14')).toEqual({ tar: null, problem: `${file}: its seal does not match (damaged, or not written by this verdict)` });
    // A genuine image moved to another version's name is not that version's.
    expect(writeImage(file, '0.5.14', forged)).toBeNull();
    expect(readImage(file, '0.5.15').tar).toBeNull();
  });

  it('says why it cannot write, and leaves no file behind', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const problem = writeImage(join(blocker, 'pglite-0.5.14.datadir'), '0.5.14', tar);
    expect(problem).toMatch(/^.*not-a-folder\/pglite-0\.5\.14\.datadir: cannot write the PGlite data directory image \(.+\); each audit runs initdb$/);
  });
});
