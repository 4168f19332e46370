export function render(template: string, ruleId: string): string;
export function addToRegistry(registry: string, ruleId: string): string;
export function isValidRuleId(ruleId: unknown): ruleId is string;
