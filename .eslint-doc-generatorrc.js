// README rule table and rule-page headers; `npm run docs` writes them, `npm run docs:check` fails when stale.
/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all', 'typescript-eslint-compat'],
  ruleDocTitleFormat: 'desc-parens-name',
  // `Options` is required of (and refused to) rules by their schema: the generator checks it itself.
  ruleDocSectionInclude: ['Examples', 'Type information', 'When Not To Use It', 'Related'],
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions', 'options'],
  urlRuleDoc: 'docs/rules/{name}.md',
};
