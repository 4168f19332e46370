// Checklist item 3: every queue has a bound.
import { createWriteStream } from 'node:fs';

interface Order {
  id: string;
  customerId: string;
  total: number;
}

declare function listPendingOrders(): Promise<Order[]>;
declare function chargeCard(order: Order): Promise<void>;

/** Charges every pending order: one request per order, all at once, however many there are. */
export async function chargePendingOrders(): Promise<void> {
  const orders = await listPendingOrders();
  await Promise.all(orders.map(async (order) => chargeCard(order)));
}

/** An in-memory work queue: producers push from every webhook, nothing limits its length. */
export class WebhookBuffer {
  private readonly pending: Order[] = [];

  onWebhook(order: Order): void {
    this.pending.push(order);
  }

  async drain(): Promise<void> {
    let next = this.pending.shift();
    while (next) {
      await chargeCard(next);
      next = this.pending.shift();
    }
  }
}

/** Exports every order to a CSV file, ignoring the stream's backpressure signal. */
export async function exportOrders(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (const order of await listPendingOrders()) {
    out.write(`${order.id},${order.customerId},${order.total}\n`);
  }
  out.end();
}
