import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

export async function loadTemplate(name: string): Promise<string> {
  return readFile(`templates/${name}.html`, 'utf8');
}

// Top-level code and plain functions may read synchronously (a one-time start-up cost).
export const version: string = readFileSync('VERSION', 'utf8');
