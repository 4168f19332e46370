import fs from 'node:fs';

export async function handler(request) {
  const body = await fs.promises.readFile(request.path, 'utf8');
  return { status: 200, body };
}
