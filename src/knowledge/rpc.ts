// Remote-procedure routers: which procedures change state. A tRPC procedure is built by a chain of
// calls on a procedure builder, ending in the call that is handed the resolver.

export interface RpcProcedureKind {
  package: string;
  /** The last call of the chain that makes a procedure which changes state (a mutation). */
  changing: readonly string[];
  /** The calls that make a procedure which only reads. */
  reading: readonly string[];
  example: string;
  source: string;
}

export const RPC_PROCEDURES: readonly RpcProcedureKind[] = [
  {
    package: '@trpc/server', changing: ['mutation'], reading: ['query', 'subscription'],
    example: 'export const postRouter = { delete: protectedProcedure.input(z.string()).mutation(({ ctx, input }) => ctx.db.delete(Post).where(eq(Post.id, input))) };',
    source: 'https://trpc.io/docs/server/procedures',
  },
];

/** Whether a member built by these calls (`input`, `mutation`) is a procedure that changes state. */
export function isChangingProcedure(builtBy: readonly string[]): boolean {
  const last = builtBy[builtBy.length - 1];
  return last !== undefined && RPC_PROCEDURES.some((p) => p.changing.includes(last));
}
