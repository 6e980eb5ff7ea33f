// A NestJS handler's decorated parameters are request input for the data-flow rules, as `req.body`
// and `req.query` are in Express: `@Query('q') q` interpolated into SQL text, `@Body() dto` handing a
// URL to fetch. Bound values and constant URLs stay silent.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import sqlInjection from '../database/sql-injection.js';
import ssrf from './ssrf.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"@nestjs/common":"10","typeorm":"0.3"}}' };

const controller = [
  "import { Body, Controller, Get, Post, Query } from '@nestjs/common';",
  "import { DataSource } from 'typeorm';",
  "@Controller('items')",
  'export class ItemsController {',
  '  constructor(private readonly ds: DataSource) {}',
  "  @Get('search')",
  "  search(@Query('q') q: string) { return this.ds.query(`SELECT * FROM items WHERE name = '${q}'`); }",
  "  @Get('safe')",
  "  safe(@Query('q') q: string) { return this.ds.query('SELECT * FROM items WHERE name = $1', [q]); }",
  "  @Post('import')",
  '  async pull(@Body() dto: { url: string }) { return (await fetch(dto.url)).json(); }',
  "  @Post('ping')",
  "  async ping(@Body() dto: { url: string }) { return (await fetch('https://status.example.com/ping', { method: 'POST', body: JSON.stringify(dto) })).json(); }",
  '}',
].join('\n');

describe('NestJS decorated parameters as request sources', () => {
  it('sql-injection reports @Query() interpolated into SQL text, not one bound as a parameter', async () => {
    const findings = await runRule(sqlInjection, { ...pkg, 'src/items.controller.ts': controller });
    expect(findings.map((f) => `${f.location?.line} ${f.severity}`)).toEqual(['7 critical']);
  });

  it('ssrf reports a @Body() field used as the URL, not a body sent to a constant URL', async () => {
    const findings = await runRule(ssrf, { ...pkg, 'src/items.controller.ts': controller });
    expect(findings.map((f) => `${f.location?.line} ${f.messageId}`)).toEqual(['11 fromRequest']);
  });
});
