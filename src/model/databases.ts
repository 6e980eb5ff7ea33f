// `inventory.databases`: where each package touches a database, built by the database/inventory rule.
import { z } from 'zod';

export const DatabaseSiteRef = z.object({
  line: z.number().int().min(1),
  kind: z.enum(['client', 'query', 'raw', 'prepare']),
  callee: z.string(),
});

export const DatabaseFile = z.object({
  path: z.string(),
  /** database label -> number of sites: "d1:DB", "prisma", "pg", ... */
  databases: z.record(z.string(), z.number().int()),
  sites: z.array(DatabaseSiteRef).describe('The first sites of the file, in line order'),
  total: z.number().int(),
});

export const D1BindingRef = z.object({
  config: z.string().describe('wrangler config path'),
  worker: z.string().nullable(),
  binding: z.string(),
  databaseName: z.string().nullable(),
  line: z.number().int(),
});

export const PackageDatabases = z.object({
  package: z.string().nullable(),
  libraries: z.array(z.string()).describe('Libraries seen in code, and ORMs/drivers declared as dependencies'),
  declaredLibraries: z.array(z.string()),
  d1Bindings: z.array(D1BindingRef),
  files: z.array(DatabaseFile),
  sites: z.number().int(),
});

export const DatabasesInventory = z.object({
  packages: z.array(PackageDatabases),
  totalSites: z.number().int(),
});
export type DatabasesInventory = z.infer<typeof DatabasesInventory>;
export type PackageDatabases = z.infer<typeof PackageDatabases>;
