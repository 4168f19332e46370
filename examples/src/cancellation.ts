// Cancellation (checklist item 2): the caller's AbortSignal must reach every task.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RequestOptions {
  signal?: AbortSignal;
  retries?: number;
}

/** An HTTP client whose retry backoff ignores the caller's signal. */
export async function getWithRetry(url: string, options: RequestOptions = {}): Promise<unknown> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, { signal: options.signal });
      return await response.json();
    } catch (error) {
      // no-swallowed-abort-error: retryLoop (an abort is retried until the retries run out)
      if (attempt >= retries) throw error;
      await sleep(2 ** attempt * 200); // require-signal-forwarding: missingSignal
    }
  }
}

/** A per-call timeout that forgets the caller's signal. */
export async function healthCheck(host: string, signal: AbortSignal): Promise<boolean> {
  const response = await fetch(`https://${host}/health`, { signal: AbortSignal.timeout(2_000) }); // unlinkedSignal
  return response.ok;
}

/** A job worker that waits for capacity with a hand-written sleep. */
export async function waitForCapacity(queue: { size: number; limit: number }, signal: AbortSignal): Promise<void> {
  while (queue.size >= queue.limit) {
    signal.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 100)); // unabortableSleep
  }
}

/** Waiting for an event without the signal: a cancelled caller waits forever. */
export async function waitUntilReady(worker: NodeJS.EventEmitter, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  await once(worker, 'ready'); // missingSignal
}

/** A user lookup that turns the caller's abort into "no user". */
export async function findUser(id: string, signal: AbortSignal): Promise<unknown> {
  try {
    const response = await fetch(`/users/${id}`, { signal });
    return await response.json();
  } catch (error) {
    // no-swallowed-abort-error: swallowedAbort
    console.error('user lookup failed', error);
    return null;
  }
}

/** A consumer loop that keeps polling after its caller gave up. */
export async function consumeEvents(url: string, options: { signal?: AbortSignal; maxErrors: number }): Promise<void> {
  let errors = 0;
  while (errors < options.maxErrors) {
    try {
      const response = await fetch(url, { signal: options.signal });
      console.info('event', await response.text());
    } catch (error) {
      // no-swallowed-abort-error: retryLoop
      errors++;
      console.warn('poll failed', error);
    }
  }
}

/** A job worker whose lease release is given the aborted signal: after a cancel it never runs. */
export async function runLeasedJob(jobId: string, signal: AbortSignal): Promise<void> {
  try {
    await fetch(`/jobs/${jobId}/run`, { method: 'POST', signal });
  } finally {
    await fetch(`/jobs/${jobId}/release`, { method: 'POST', signal }); // no-aborted-signal-in-cleanup
  }
}
