// Fastify gives each registered plugin a context of its own (encapsulation): what it registers, hooks
// and plugins such as a rate limiter, applies to its own routes and its children only. A plugin wrapped
// in one of these helpers shares the context of the app that registers it instead.

export interface ContextSharingWrapper {
  package: string;
  /** The exports that wrap a plugin: `fp(plugin)`, `fastifyPlugin(plugin)`. */
  exports: readonly string[];
  source: string;
  example: string;
}

export const CONTEXT_SHARING_WRAPPERS: readonly ContextSharingWrapper[] = [
  {
    // "fastify-plugin can be used to: ... Break the encapsulation" (skip-override): the plugin's
    // decorators, hooks and registrations are its parent's. The module exports the function itself and as `fastifyPlugin`/`default`.
    package: 'fastify-plugin', exports: ['default', 'fastifyPlugin'],
    source: 'https://github.com/fastify/fastify-plugin#readme',
    example: "import fp from 'fastify-plugin'; export default fp(async (fastify) => { await fastify.register(rateLimit) });",
  },
];

/** Whether an import (`from`, `imported`) wraps a Fastify plugin so that it shares its parent's context. */
export function sharesParentContext(from: string, imported: string): boolean {
  return CONTEXT_SHARING_WRAPPERS.some((w) => w.package === from && w.exports.includes(imported));
}
