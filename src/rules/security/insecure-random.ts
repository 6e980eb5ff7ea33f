import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { destinationName, isShippedCode, looksMinified } from '../shared/names.js';
import { isSeedData } from '../../util/roles.js';

/** Names of values that must be unguessable. */
const SECURITY_VALUE = /token|secret|nonce|salt|otp|passw(?:or)?d|passcode|api_?key|apikey|session_?id|sessionid|sid$|csrf|xsrf|verification_?code|verify_?code|reset_?code|auth_?code|invite_?code|magic_?link|one_?time|^code$|pin$|challenge|state$|private_?key|signing_?key|encryption_?key|^iv$|_iv$|Iv$/i;
const NOT_SECURITY = /count|length|len$|index|idx|delay|timeout|jitter|backoff|retry|color|colour|position|offset|width|height|size|ratio|percent|sample|weight|score|duration|interval|tokens?_?(?:count|limit|usage|used|budget)|max_?tokens|tokeni[sz]e|tokenizer/i;

export default defineSourceRule({
  id: 'security/insecure-random',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Math.random used for a security value',
    rationale: 'Math.random is not a cryptographic generator: its output can be predicted from a few samples, so tokens, codes, salts or session ids made from it can be guessed.',
    remediation: {
      text: 'Use `crypto.randomBytes(32).toString(\'base64url\')`, `crypto.randomUUID()` or `crypto.randomInt(0, 1_000_000)` (Web Crypto: `crypto.getRandomValues`).',
      effort: 'low',
    },
    messages: { securityValue: 'Math.random() makes `{{name}}`, a value that must be unguessable' },
  },
  triggers: ['Math.random'],
  // Seed data makes sample tokens for development databases.
  appliesTo: (f) => isShippedCode(f) && !isSeedData(f.path),
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const e = call.expression;
        if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'random' || !ts.isIdentifier(e.expression) || e.expression.text !== 'Math') return;
        const dest = destinationName(call);
        if (!dest || !SECURITY_VALUE.test(dest) || NOT_SECURITY.test(dest)) return;
        ctx.report({ node: call, messageId: 'securityValue', data: { name: dest } });
      },
    };
  },
});
