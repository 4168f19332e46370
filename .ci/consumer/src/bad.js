import fs from 'node:fs';

export async function handler(request) {
  const body = fs.readFileSync(request.path, 'utf8');
  return { status: 200, body };
}
