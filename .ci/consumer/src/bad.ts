import { readFileSync } from 'node:fs';

export async function loadTemplate(name: string): Promise<string> {
  return readFileSync(`templates/${name}.html`, 'utf8');
}
