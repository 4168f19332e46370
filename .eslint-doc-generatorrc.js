// README rule table and rule-page headers; `npm run docs` writes them, `npm run docs:check` fails when stale.
/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all', 'typescript-eslint-compat'],
  ruleDocTitleFormat: 'desc-parens-name',
  ruleDocSectionInclude: ['Examples', 'Options', 'Type information', 'When Not To Use It'],
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions', 'options'],
  urlRuleDoc: 'docs/rules/{name}.md',
};
