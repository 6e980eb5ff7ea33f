import { existsSync, readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const buildIdFile = new URL('./build-id.txt', import.meta.url);
/** A hash of the built code: cached facts from another build of verdict are never reused. */
export const BUILD_ID: string = existsSync(buildIdFile) ? readFileSync(buildIdFile, 'utf8').trim() : `dev-${process.pid}-${Date.now()}`;
