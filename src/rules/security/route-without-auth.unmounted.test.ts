// A router whose mounting verdict cannot resolve (mounted in a loop over an object of routers, by a name
// and a prefix computed at run time): which guards run before its routes is unknown, never a pass; a finding on
// a route whose chain was resolved still stands.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = { 'package.json': '{"name":"svc","main":"src/app.js","dependencies":{"express":"4","passport":"0.7"}}' };
const USERS = [
  "const express = require('express');",
  "const db = require('./db');",
  'const router = express.Router();',
  "router.delete('/users/:id', async (req, res) => { await db.users.deleteOne({ id: req.params.id }); res.sendStatus(204); });",
  'module.exports = router;',
].join('\n');
const DB = "module.exports = { users: { deleteOne: async () => {} }, posts: { insertOne: async () => {} } };\n";

const run = async (appJs: string) => {
  const r = await auditFiles({ ...pkg, 'src/app.js': appJs, 'src/users.js': USERS, 'src/db.js': DB }, { rules: [rule] });
  return {
    findings: r.findings.filter((f) => f.ruleId === 'security/route-without-auth').map((f) => `${f.location?.path}:${f.location?.line}`),
    outcomes: r.outcomes.filter((o) => o.ruleId === 'security/route-without-auth').map((o) => `${o.status}: ${o.reason}`),
  };
};

describe('route-without-auth: routers whose mounting could not be resolved', () => {
  const mountedBy = (extra: string[]) => [
    "const express = require('express');",
    "const passport = require('passport');",
    "const users = require('./users');",
    "const db = require('./db');",
    'const app = express();',
    "app.use(passport.authenticate('jwt', { session: false }));",
    ...extra,
    'app.listen(3000);',
  ].join('\n');

  it('is unknown, naming the route and its file, when its router is mounted by a loop verdict does not follow', async () => {
    const { findings, outcomes } = await run(mountedBy(["const routers = { users }; for (const k of Object.keys(routers)) app.use('/' + k, routers[k]);"]));
    expect(findings).toEqual([]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatch(/^unknown: 1 route\(s\) that read or change data on routers whose mounting could not be resolved.*src\/users\.js:4/);
  });

  it('passes when the mounting is resolved and guarded', async () => {
    const { findings, outcomes } = await run(mountedBy(["app.use('/api', users);"]));
    expect(findings).toEqual([]);
    expect(outcomes.map((o) => o.split(':')[0])).toEqual(['pass']);
  });

  it('a finding on a resolved route stands beside the unknown', async () => {
    const open = [
      "const express = require('express');",
      "const users = require('./users');",
      "const db = require('./db');",
      'const app = express();',
      "app.post('/posts', async (req, res) => { await db.posts.insertOne(req.body); res.sendStatus(201); });",
      "const routers = { users }; for (const k of Object.keys(routers)) app.use('/' + k, routers[k]);",
      'app.listen(3000);',
    ].join('\n');
    const { findings, outcomes } = await run(open);
    expect(findings).toEqual(['src/app.js:5']);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatch(/^fail: 1 finding\(s\); 1 route\(s\) that read or change data on routers whose mounting could not be resolved/);
  });
});
