// A CommonJS controller whose export is a handler wrapped in a library's wrapper (knowledge
// middleware-wrapper: express-async-handler), reached through `const c = require('./c')`: the route's
// handler is the wrapped function, whose own check of the caller guards it. Tested both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

function files(body: string[]): Record<string, string> {
  return {
    'package.json': '{"name":"svc","main":"src/app.js","dependencies":{"express":"4","express-async-handler":"1","mongoose":"8"}}',
    'src/app.js': [
      "const express = require('express');",
      "const noteController = require('./note.controller');",
      'const app = express();',
      "app.patch('/notes/:id', noteController.update);",
      'app.listen(3000);',
    ].join('\n'),
    'src/note.controller.js': [
      "const asyncHandler = require('express-async-handler');",
      "const jwt = require('jsonwebtoken');",
      "const Note = require('./note.model');",
      'exports.update = asyncHandler(async (req, res) => {',
      ...body,
      '  res.json(await Note.findByIdAndUpdate(req.params.id, { text: req.body.text }));',
      '});',
    ].join('\n'),
    'src/note.model.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('Note', new mongoose.Schema({ text: String }));\n",
  };
}

describe('security/route-without-auth: CommonJS handlers wrapped in express-async-handler', () => {
  it('a wrapped handler that verifies the token itself guards its route; one that does not is reported', async () => {
    const checked = ["  const token = req.headers.authorization;", "  try { jwt.verify(token, process.env.JWT_SECRET); } catch { return res.status(401).end(); }"];
    expect(await runRule(rule, files(checked))).toEqual([]);
    const open = await runRule(rule, files([]));
    expect(open.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['high src/app.js:4']);
  });
});
