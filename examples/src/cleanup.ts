// Checklist item 5: cleanup runs on every path.
import type { EventEmitter } from 'node:events';

declare function fetchInventory(sku: string): Promise<number>;

/** A timeout built from a race: the timer is never cleared and the lookup keeps running. */
export async function inventoryWithTimeout(sku: string, ms: number): Promise<number> {
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`inventory lookup timed out after ${ms} ms`)), ms);
  });
  return Promise.race([fetchInventory(sku), timeout]);
}

/** Waits for one message; the listener stays on the long-lived bus after every call. */
export function nextMessage(bus: EventEmitter, topic: string): Promise<unknown> {
  return new Promise((resolve) => {
    bus.on(topic, (message: unknown) => resolve(message));
  });
}

/** Polls a health endpoint forever; the interval handle is lost, so it can never stop. */
export function startHealthCheck(check: () => Promise<void>): void {
  setInterval(() => {
    check().catch(() => undefined);
  }, 10_000);
}
