import { isSecretName } from '../../knowledge/index.js';
import { isImageDefaultPassword, isPlaceholder } from '../../util/secret-patterns.js';
import { defineRepoRule } from '../api.js';
import { assignmentsOf, DOCKERFILE, instructionsOf, NON_RELEASE_DOCKERFILE } from '../shared/dockerfiles.js';

/** A value that names another variable or is computed at build time, not a literal: `$JWT_SECRET`, `${KEY}`, `$(cat …)`. */
const REFERENCE = /^\$/;

export default defineRepoRule({
  id: 'security/dockerfile-secret',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Secret baked into a Docker image (ENV or ARG with a literal value)',
    rationale: 'An `ENV` or `ARG` value is stored in the image\'s layers and history (`docker history`, `docker inspect`): everyone who can pull the image has the secret, and every deployment shares the same one, which no one can rotate without a rebuild.',
    remediation: {
      text: 'Pass the secret at run time (the orchestrator\'s secrets, `docker run -e`, an env file outside the image); for build-time secrets use `RUN --mount=type=secret`. Rotate the value that was committed.',
      effort: 'low',
    },
    messages: {
      baked: '{{keyword}} {{key}} in {{path}} sets a literal value ({{shown}}): the secret is in every layer of the image and its history',
    },
  },
  check(ctx) {
    const files = [...ctx.documents.keys()].filter((p) => DOCKERFILE.test(p)).sort();
    if (files.length === 0) return ctx.notApplicable('no Dockerfile');
    let judged = 0;
    let found = 0;
    for (const path of files) {
      for (const ins of instructionsOf(ctx.documents.get(path) ?? '')) {
        if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
        for (const { key, value } of assignmentsOf(ins.args)) {
          if (!isSecretName(key)) continue;
          judged++;
          if (!value || REFERENCE.test(value) || isPlaceholder(value)) continue;
          found++;
          ctx.registerSecret(value);
          const shown = `${value.slice(0, 4)}…, ${value.length} characters`;
          // A database image's own default (`postgres`), or a Dockerfile for development or tests: not the release's secret.
          const lesser = isImageDefaultPassword(value) || NON_RELEASE_DOCKERFILE.test(path.split('/').pop() ?? '');
          ctx.report({
            severity: lesser ? 'medium' : 'high',
            messageId: 'baked',
            data: { keyword: ins.keyword, key, path, shown },
            location: { path, line: ins.line, snippet: `${ins.keyword} ${key}=${shown}` },
            evidence: lesser ? [{ kind: 'note', text: isImageDefaultPassword(value) ? 'the value is a database image\'s default password' : 'the Dockerfile\'s name says it is for development or tests' }] : [],
          });
        }
      }
    }
    if (found === 0) ctx.pass(`${files.length} Dockerfile(s), ${judged} secret-named ENV/ARG: none sets a literal value`);
  },
});
