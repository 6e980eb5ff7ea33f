import { describe, expect, it } from 'vitest';
import { DATASTORE_IMAGES, datastoreImageOf } from './index.js';

describe('datastore images', () => {
  it('each entry names its images and cites its source', () => {
    for (const d of DATASTORE_IMAGES) {
      expect(d.source, d.what).toMatch(/^https:\/\//);
      for (const n of d.names) expect(datastoreImageOf(`${n}:1`)?.what, n).toBe(d.what);
    }
  });

  it('reads registry, library prefix, tag and digest, and no other image', () => {
    expect(datastoreImageOf('postgres:16-alpine')?.what).toBe('PostgreSQL');
    expect(datastoreImageOf('docker.io/library/redis@sha256:abc')?.what).toBe('Redis');
    expect(datastoreImageOf('registry.example.com:5000/bitnami/mongodb:7')?.what).toBe('MongoDB');
    expect(datastoreImageOf('node:22-alpine')).toBeNull();
    expect(datastoreImageOf('postgres-exporter')).toBeNull();
    expect(datastoreImageOf('myorg/api')).toBeNull();
  });
});
