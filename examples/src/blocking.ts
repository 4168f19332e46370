// Blocking I/O (checklist item 1): nothing synchronous and slow runs on the event loop.
import { execSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface SignupRequest {
  email: string;
  password: string;
}

interface ServiceConfig {
  pepper: string;
  auditLog: string;
}

/** A plain helper: reads and parses the config every time it is called. */
function loadServiceConfig(): ServiceConfig {
  return JSON.parse(readFileSync('./config/service.json', 'utf8')) as ServiceConfig;
}

/** The HTTP handler of POST /signup. */
export async function handleSignup(request: SignupRequest): Promise<{ id: string }> {
  const config = loadServiceConfig(); // blockingCallee: loadServiceConfig calls readFileSync
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(request.password + config.pepper, salt, 600_000, 64, 'sha512'); // blockingCall
  const id = hash.subarray(0, 8).toString('hex');
  writeFileSync(config.auditLog, `${new Date().toISOString()} signup ${request.email}\n`, { flag: 'a' }); // blockingCall
  return { id };
}

/** A nightly job: tags the release and ships a compressed report. */
export async function publishNightlyReport(rows: readonly string[]): Promise<Buffer> {
  const commit = execSync('git rev-parse --short HEAD').toString().trim(); // blockingCall
  const report = readFileSync(`./reports/${commit}.csv`, 'utf8'); // blockingCall (suggestion: await readFile)
  return gzipSync(Buffer.from(report + rows.join('\n'))); // blockingCall
}

/** A rate limiter that "waits" by spinning. */
export async function throttle(lastCall: number, minGapMs: number): Promise<void> {
  const until = lastCall + minGapMs;
  while (Date.now() < until) {} // busyWait
}
