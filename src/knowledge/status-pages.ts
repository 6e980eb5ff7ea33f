// Middleware that serves a dashboard of its own when mounted: the page is public unless the mount
// puts a guard before it. A status page shows request rates, response times, memory and CPU, and
// its live socket keeps streaming them to whoever opens it.

export interface StatusPage {
  package: string;
  export: string;
  /** The option that moves the page, and where it is by default. */
  pathOption: string;
  defaultPath: string;
  example: string;
  source: string;
}

export const STATUS_PAGES: readonly StatusPage[] = [
  {
    package: 'express-status-monitor', export: 'default', pathOption: 'path', defaultPath: '/status',
    example: "import monitor from 'express-status-monitor'; app.use(monitor());",
    source: 'https://github.com/RafalWilinski/express-status-monitor#options (path: default "/status"; pageRoute to mount behind auth)',
  },
];

/** The status page `module`'s `imported` export serves, or null. */
export function statusPageOf(module: string, imported: string): StatusPage | null {
  return STATUS_PAGES.find((p) => p.package === module && p.export === imported) ?? null;
}
