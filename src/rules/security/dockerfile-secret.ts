import { isSecretName } from '../../knowledge/index.js';
import { isImageDefaultPassword, isPlaceholder, looksLikeSecretValue } from '../../util/secret-patterns.js';
import { defineRepoRule } from '../api.js';
import { assignmentsOf, DOCKERFILE, instructionsOf, NON_RELEASE_DOCKERFILE, shippedInstructions } from '../shared/dockerfiles.js';

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
      bakedMany: '{{keyword}} in {{path}} sets literal values for {{count}} secrets ({{keys}}): they are in every layer of the image and its history',
    },
  },
  check(ctx) {
    const files = [...ctx.documents.keys()].filter((p) => DOCKERFILE.test(p)).sort();
    if (files.length === 0) return ctx.notApplicable('no Dockerfile');
    let judged = 0;
    let found = 0;
    let buildOnly = 0;
    for (const path of files) {
      const all = instructionsOf(ctx.documents.get(path) ?? '');
      const shipped = new Set(shippedInstructions(all) ?? all);
      for (const ins of all) {
        if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
        const hits: Array<{ key: string; value: string; lesser: boolean }> = [];
        for (const { key, value } of assignmentsOf(ins.args)) {
          if (!isSecretName(key)) continue;
          judged++;
          if (!value || REFERENCE.test(value) || isPlaceholder(value)) continue;
          const imageDefault = isImageDefaultPassword(value);
          // Judged as a password would be anywhere (at least 8 characters, not only letters, not a
          // demo word): `test` or `dummy`, set so a build succeeds, is no credential.
          if (!imageDefault && !looksLikeSecretValue(value, true)) continue;
          // A stage the final image does not derive from keeps its ENV in the build cache only.
          if (!shipped.has(ins)) { buildOnly++; continue; }
          hits.push({ key, value, lesser: imageDefault || NON_RELEASE_DOCKERFILE.test(path.split('/').pop() ?? '') });
        }
        if (hits.length === 0) continue;
        found += hits.length;
        for (const h of hits) ctx.registerSecret(h.value);
        const lesser = hits.every((h) => h.lesser);
        const first = hits[0];
        const shown = `${first.value.slice(0, 4)}…, ${first.value.length} characters`;
        // One finding per instruction: one ENV that sets several secrets is one thing to fix.
        ctx.report({
          severity: lesser ? 'medium' : 'high',
          messageId: hits.length === 1 ? 'baked' : 'bakedMany',
          data: hits.length === 1 ? { keyword: ins.keyword, key: first.key, path, shown } : { keyword: ins.keyword, path, count: String(hits.length), keys: hits.map((h) => h.key).join(', ') },
          location: { path, line: ins.line, snippet: `${ins.keyword} ${hits.map((h) => `${h.key}=${h.value.slice(0, 4)}…`).join(' ')}` },
          evidence: lesser ? [{ kind: 'note', text: hits.every((h) => isImageDefaultPassword(h.value)) ? 'the value is a database image\'s default password' : 'the Dockerfile\'s name says it is for development or tests' }] : [],
        });
      }
    }
    if (found === 0) ctx.pass(`${files.length} Dockerfile(s), ${judged} secret-named ENV/ARG: none sets a literal value in the image${buildOnly ? ` (${buildOnly} only in build stages the final image does not derive from)` : ''}`);
  },
});
