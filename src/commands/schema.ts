import { configJsonSchema } from '../config/schema.js';
import { auditRunJsonSchema } from '../model/run.js';
import { verifyResultJsonSchema } from '../verify/model.js';
import { UsageError } from '../util/errors.js';

export function schemaCommand(opts: { config?: boolean; verify?: boolean }): number {
  if (opts.config && opts.verify) throw new UsageError('schema: give --config or --verify, not both');
  const schema = opts.config ? configJsonSchema() : opts.verify ? verifyResultJsonSchema() : auditRunJsonSchema();
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
