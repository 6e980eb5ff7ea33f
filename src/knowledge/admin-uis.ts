// Admin and queue dashboards a service mounts on its own HTTP server: whoever reaches the mount can
// read every job's data and retry, remove or clean jobs. How each package is mounted, so a mount is
// recognised from the code (an import of the package, then the call that makes the router).

export interface AdminUi {
  package: string;
  /** What the dashboard is, for messages. */
  what: string;
  /**
   * How the mounted value is made: `adapter`: `new <exports>()` then `<adapter>.<mount>()`
   * (`serverAdapter.getRouter()`); `factory`: a call of the export (`Arena(config)`); `value`: the
   * export itself, or a property of a call's result (`const { router } = createBullBoard(queues)`);
   * `member`: a property of the default export (`kue.app`).
   */
  shape: 'adapter' | 'factory' | 'value' | 'member';
  exports: readonly string[];
  mount?: readonly string[];
  framework: string;
  example: string;
  source: string;
}

const BULL_BOARD = 'https://github.com/felixmosh/bull-board#readme';

export const ADMIN_UIS: readonly AdminUi[] = [
  { package: '@bull-board/express', what: 'bull-board queue dashboard', shape: 'adapter', exports: ['ExpressAdapter'], mount: ['getRouter'], framework: 'express', example: "const a = new ExpressAdapter(); a.setBasePath('/admin/queues'); createBullBoard({ queues, serverAdapter: a }); app.use('/admin/queues', a.getRouter());", source: BULL_BOARD },
  { package: '@bull-board/fastify', what: 'bull-board queue dashboard', shape: 'adapter', exports: ['FastifyAdapter'], mount: ['registerPlugin'], framework: 'fastify', example: "app.register(serverAdapter.registerPlugin(), { prefix: '/ui' });", source: BULL_BOARD },
  { package: '@bull-board/koa', what: 'bull-board queue dashboard', shape: 'adapter', exports: ['KoaAdapter'], mount: ['registerPlugin'], framework: 'koa', example: 'app.use(serverAdapter.registerPlugin());', source: BULL_BOARD },
  { package: '@bull-board/hono', what: 'bull-board queue dashboard', shape: 'adapter', exports: ['HonoAdapter'], mount: ['registerPlugin'], framework: 'hono', example: "app.route('/ui', serverAdapter.registerPlugin());", source: BULL_BOARD },
  { package: 'bull-board', what: 'bull-board queue dashboard', shape: 'value', exports: ['router', 'UI'], framework: 'express', example: "const { router } = createBullBoard([new BullAdapter(q)]); app.use('/admin/queues', router);", source: 'https://github.com/felixmosh/bull-board/tree/v3.10.0#hello-world' },
  { package: 'bull-arena', what: 'Arena queue dashboard', shape: 'factory', exports: ['default'], framework: 'express', example: "app.use('/arena', Arena({ Bull, queues: [...] }, { disableListen: true }));", source: 'https://github.com/bee-queue/arena#usage' },
  { package: 'agendash', what: 'Agendash job dashboard', shape: 'factory', exports: ['default'], framework: 'express', example: "app.use('/dash', Agendash(agenda));", source: 'https://github.com/agenda/agendash#usage' },
  { package: 'kue', what: 'Kue job dashboard', shape: 'member', exports: ['app'], framework: 'express', example: "app.use('/kue', kue.app);", source: 'https://github.com/Automattic/kue#user-interface' },
  { package: '@bull-monitor/express', what: 'bull-monitor queue dashboard', shape: 'adapter', exports: ['BullMonitorExpress'], mount: ['router'], framework: 'express', example: "const m = new BullMonitorExpress({ queues }); await m.init(); app.use('/monitor', m.router);", source: 'https://github.com/s-r-x/bull-monitor#express' },
];

/** The dashboard a package export is, when that export (or a member of it) is what gets mounted. */
export function adminUiOf(pkg: string): AdminUi | null {
  return ADMIN_UIS.find((u) => u.package === pkg) ?? null;
}

/** The packages, for the collector's text triggers. */
export function adminUiPackages(): string[] {
  return ADMIN_UIS.map((u) => u.package);
}
