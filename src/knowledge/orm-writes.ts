// How each ORM's client writes to a table, read from a call verdict recorded (collect/data-access):
// the table is the model named before a write method (`prisma.user.create`), or the table object handed
// to one (`db.insert(users)`).

export interface OrmWrite {
  /** collect/data-access's `library`. */
  library: string;
  /** `model-method`: `<client>.<model>.<method>(...)`; `table-argument`: `<db>.<method>(<table>)`. */
  shape: 'model-method' | 'table-argument';
  methods: readonly string[];
  example: string;
  source: string;
}

export const ORM_WRITES: readonly OrmWrite[] = [
  {
    library: 'prisma', shape: 'model-method', methods: ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany'],
    example: "await prisma.user.create({ data: { email } });", source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries',
  },
  {
    library: 'drizzle', shape: 'table-argument', methods: ['insert', 'update', 'delete'],
    example: 'await db.insert(users).values({ email });', source: 'https://orm.drizzle.team/docs/insert',
  },
];

/**
 * The model or table a recorded call writes to: `callee` as written up to its arguments
 * (`prisma.user.create`, `db.insert`), `firstArgument` the text of its first argument when it is a
 * plain name (`users`), else null. Null when the call is no write of that library.
 */
export function ormWriteTarget(library: string | null, callee: string, firstArgument: string | null): string | null {
  const entry = ORM_WRITES.find((w) => w.library === library);
  if (!entry) return null;
  const parts = callee.split('.');
  const method = parts[parts.length - 1];
  if (!entry.methods.includes(method)) return null;
  if (entry.shape === 'model-method') return parts.length >= 3 ? parts[parts.length - 2] : null;
  return firstArgument;
}
