// The ESLint configuration `npm run bench` measures verdict against: ESLint 9 with typescript-eslint's
// parser and selector checks comparable to what verdict's static pass looks for in the same files
// (raw `.prepare(` SQL calls, console calls, process.env reads, eval). Committed so the peer figure
// can be reproduced: `npx eslint -c bench/eslint.config.mjs <corpus>`.
import tseslint from 'typescript-eslint';

export default [{
  files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
  languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  rules: {
    'no-restricted-syntax': ['error',
      { selector: "CallExpression[callee.property.name='prepare']", message: '.prepare( call' },
      { selector: "CallExpression[callee.object.name='console']", message: 'console.* call' },
      { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'process.env read' },
      { selector: "CallExpression[callee.name='eval']", message: 'eval' },
    ],
  },
}];
