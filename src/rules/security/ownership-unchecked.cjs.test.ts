// CommonJS controllers whose exports are handlers wrapped in a helper (`exports.x = catchAsync(fn)`,
// `module.exports = { x }` of such consts): the route's handler is the wrapped function. Tested both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

function files(controller: string[], wrapper = 'module.exports = (fn) => (req, res, next) => fn(req, res, next).catch(next);\n'): Record<string, string> {
  return {
    'package.json': '{"name":"shop","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
    'src/app.js': [
      "const express = require('express');",
      "const passport = require('passport');",
      "const commentRoutes = require('./comment.routes');",
      'const app = express();',
      "app.use(passport.authenticate('jwt', { session: false }));",
      "app.use('/api', commentRoutes);",
      'app.listen(3000);',
    ].join('\n'),
    'src/comment.routes.js': [
      "const express = require('express');",
      "const commentController = require('./comment.controller');",
      'const router = express.Router();',
      "router.delete('/comments/:id', commentController.remove);",
      'module.exports = router;',
    ].join('\n'),
    'src/catch-async.js': wrapper,
    'src/comment.controller.js': ["const catchAsync = require('./catch-async');", "const Comment = require('./comment.model');", ...controller].join('\n'),
    'src/comment.model.js': "const mongoose = require('mongoose');\nconst schema = new mongoose.Schema({ author: { type: mongoose.Schema.Types.ObjectId, ref: 'User' }, text: String });\nmodule.exports = mongoose.model('Comment', schema);\n",
  };
}

const handler = (filter: string) => ['catchAsync(async (req, res) => {', `  await Comment.deleteOne(${filter});`, '  res.status(204).end();', '})'];

describe('security/ownership-unchecked: CommonJS handlers wrapped in a helper', () => {
  it('exports.remove = catchAsync(fn): reports a delete by the id alone, and not one filtering by the caller', async () => {
    const cjs = (filter: string) => files(['exports.remove = ' + handler(filter).join('\n') + ';']);
    const found = await runRule(rule, cjs('{ _id: req.params.id }'));
    expect(found.map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId high src/comment.routes.js:4']);
    expect(await runRule(rule, cjs('{ _id: req.params.id, author: req.user._id }'))).toEqual([]);
  });

  it('module.exports.remove = catchAsync(fn)', async () => {
    const cjs = (filter: string) => files(['module.exports.remove = ' + handler(filter).join('\n') + ';']);
    const found = await runRule(rule, cjs('{ _id: req.params.id }'));
    expect(found.map((f) => `${f.messageId} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId src/comment.routes.js:4']);
    expect(await runRule(rule, cjs('{ _id: req.params.id, author: req.user._id }'))).toEqual([]);
  });

  it('module.exports = { remove } of a const wrapped in a helper', async () => {
    const cjs = (filter: string) => files(['const remove = ' + handler(filter).join('\n') + ';', 'module.exports = { remove };']);
    const found = await runRule(rule, cjs('{ _id: req.params.id }'));
    expect(found.map((f) => `${f.messageId} ${f.location?.path}:${f.location?.line}`)).toEqual(['foreignId src/comment.routes.js:4']);
    expect(await runRule(rule, cjs('{ _id: req.params.id, author: req.user._id }'))).toEqual([]);
  });
});
