// The build rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import buildSucceeds from './build-succeeds.js';
import publicSourceMaps from './public-source-maps.js';
import dockerBaseUnpinned from './docker-base-unpinned.js';
import devServerStart from './dev-server-start.js';
import dockerBaseEndOfLife from './docker-base-end-of-life.js';
import pathAliasesUnresolved from './path-aliases-unresolved.js';

export const rules: Rule[] = [buildSucceeds, publicSourceMaps, dockerBaseUnpinned, devServerStart, dockerBaseEndOfLife, pathAliasesUnresolved];
