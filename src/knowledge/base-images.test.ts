import { describe, expect, it } from 'vitest';
import { IMAGE_DEFAULT_USERS, imageDefaultUser, imageReference, isRootUser, NODE_IMAGES, nodeMajorOfImage } from './index.js';

describe('base images', () => {
  it('every entry shows an example it matches and cites a source', () => {
    for (const u of IMAGE_DEFAULT_USERS) {
      expect(imageDefaultUser(u.example)?.user, u.example).toBe(u.user);
      expect(u.source, u.example).toMatch(/^https:\/\//);
    }
    for (const n of NODE_IMAGES) {
      expect(nodeMajorOfImage(n.example), n.example).toMatch(/^\d+$/);
      expect(n.source, n.example).toMatch(/^https:\/\//);
    }
  });

  it('reads references with registry, library prefix, tag and digest', () => {
    expect(imageReference('docker.io/library/node:18-alpine')).toEqual({ name: 'node', tag: '18-alpine' });
    expect(imageReference('node@sha256:abc')).toEqual({ name: 'node', tag: null });
    expect(imageReference('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: null });
  });

  it('knows which images run as root by default and which do not', () => {
    expect(imageDefaultUser('node:22-alpine')?.root).toBe(true);
    expect(imageDefaultUser('gcr.io/distroless/nodejs22-debian12')?.root).toBe(true);
    expect(imageDefaultUser('gcr.io/distroless/nodejs22-debian12:nonroot')?.root).toBe(false);
    expect(imageDefaultUser('gcr.io/distroless/nodejs22-debian12:debug-nonroot')?.root).toBe(false);
    expect(imageDefaultUser('cgr.dev/chainguard/node:latest')?.root).toBe(false);
    expect(imageDefaultUser('registry.example.com/team/base:1')).toBeNull();
    expect(isRootUser('root')).toBe(true);
    expect(isRootUser('0:0')).toBe(true);
    expect(isRootUser('node')).toBe(false);
    expect(isRootUser('1000:1000')).toBe(false);
  });

  it('reads the Node major from the tag, the codename or the image name, and nothing from tags without one', () => {
    expect(nodeMajorOfImage('node:18-alpine')).toBe('18');
    expect(nodeMajorOfImage('node:18.19.1-bookworm-slim')).toBe('18');
    expect(nodeMajorOfImage('node:hydrogen-alpine')).toBe('18');
    expect(nodeMajorOfImage('node:lts-iron')).toBe('20');
    expect(nodeMajorOfImage('gcr.io/distroless/nodejs16-debian11')).toBe('16');
    expect(nodeMajorOfImage('node:lts-alpine')).toBeNull();
    expect(nodeMajorOfImage('node')).toBeNull();
    expect(nodeMajorOfImage('python:3.12')).toBeNull();
    expect(nodeMajorOfImage('nodered/node-red:3')).toBeNull();
  });
});
