import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { callsExport, NODE_CRYPTO } from '../shared/imports.js';

const DEPRECATED = ['createCipher', 'createDecipher'];

export default defineSourceRule({
  id: 'security/deprecated-cipher',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Deprecated crypto.createCipher / createDecipher',
    rationale: 'createCipher derives the key with a single unsalted MD5 pass and reuses the same IV for every message; Node removed it in v22.',
    remediation: {
      text: "Derive a key with `crypto.scrypt` and encrypt with `crypto.createCipheriv('aes-256-gcm', key, randomBytes(12))`, storing the IV and auth tag with the ciphertext.",
      effort: 'medium',
    },
    messages: {
      deprecatedCipher: 'crypto.{{fn}}() derives its key with one MD5 pass and no IV (removed in Node 22)',
    },
  },
  triggers: ['createCipher(', 'createDecipher('],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        let name = callsExport(call, ctx.sourceFile, NODE_CRYPTO, DEPRECATED);
        const e = call.expression;
        if (!name && ts.isPropertyAccessExpression(e) && DEPRECATED.includes(e.name.text) && ts.isIdentifier(e.expression) && e.expression.text === 'crypto') name = e.name.text;
        if (!name) return;
        ctx.report({ node: call, messageId: 'deprecatedCipher', data: { fn: name } });
      },
    };
  },
});
