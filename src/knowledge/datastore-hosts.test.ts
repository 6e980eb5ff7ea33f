import { describe, expect, it } from 'vitest';
import { isPlaceholderHost, MANAGED_DATASTORE_HOSTS, managedDatastoreOf } from './datastore-hosts.js';

describe('knowledge/datastore-hosts', () => {
  it('every managed host is recognised from its example', () => {
    for (const m of MANAGED_DATASTORE_HOSTS) expect(managedDatastoreOf(m.example)?.provider, m.example).toBe(m.provider);
  });
  it('other hosts are not managed; a suffix must be a whole label', () => {
    for (const h of ['db.internal.acme.io', 'localhost', 'notmongodb.net', 'postgres']) expect(managedDatastoreOf(h), h).toBeNull();
  });
  it('placeholder hosts', () => {
    for (const h of ['example.com', 'db.example.org', 'host', 'your-cluster.mongodb.net', '%3Chost%3E']) expect(isPlaceholderHost(h), h).toBe(true);
    for (const h of ['db.acme.io', 'cluster0.ab1cd.mongodb.net', 'postgres']) expect(isPlaceholderHost(h), h).toBe(false);
  });
});
