import { configJsonSchema } from '../config/schema.js';
import { auditRunJsonSchema } from '../model/run.js';

export function schemaCommand(opts: { config?: boolean }): number {
  process.stdout.write(`${JSON.stringify(opts.config ? configJsonSchema() : auditRunJsonSchema(), null, 2)}\n`);
  return 0;
}
