// Constants of the route collector. The words it once judged by (auth calls, denials, data access,
// signatures, limiters, health answers) are library knowledge and word lists in src/knowledge/, read by
// the rules that judge (link/guards.ts, handlers.ts).

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all'] as const;
