// Writes the JSON schemas of the result model and of verdict.config.json to schema/, so editors can
// complete the config through its "$schema" key (init points it at node_modules/verdict/schema/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema } from '../dist/config/schema.js';
import { auditRunJsonSchema } from '../dist/model/run.js';

const dir = new URL('../schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('config.json', dir), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('audit-run.json', dir), `${JSON.stringify(auditRunJsonSchema(), null, 2)}\n`);
