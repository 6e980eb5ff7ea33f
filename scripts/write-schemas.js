// Writes the JSON schemas of the result model and of verdict.config.json to schema/, so editors can
// complete the config through its "$schema" key (init points it at node_modules/verdict/schema/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema } from '../dist/config/schema.js';
import { auditRunJsonSchema } from '../dist/model/run.js';
import { verifyResultJsonSchema } from '../dist/verify/model.js';

const dir = new URL('../schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('config.json', dir), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('audit-run.json', dir), `${JSON.stringify(auditRunJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('verify-result.json', dir), `${JSON.stringify(verifyResultJsonSchema(), null, 2)}\n`);

// The build id salts the parse cache: a rebuilt verdict never reuses facts computed by older code.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const hash = createHash('sha1');
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.js')) hash.update(e.name).update(readFileSync(p));
  }
};
walk(distDir);
writeFileSync(join(distDir, 'build-id.txt'), `${hash.digest('hex').slice(0, 16)}\n`);
