// Checklist item 4: errors propagate as intended — no promise is left floating.
import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';

interface Order {
  id: string;
  customerId: string;
  total: number;
}

declare function saveOrder(order: Order): Promise<void>;
declare function loadCustomer(id: string): Promise<{ id: string; email: string }>;
declare function loadOrders(customerId: string): Promise<Order[]>;
declare function sendReceipt(email: string, order: Order): Promise<void>;

/** Fire and forget: if the write fails, the rejection is unhandled and the process exits. */
export function onCheckout(order: Order): void {
  saveOrder(order);
  writeFile(`/var/log/orders/${order.id}.json`, JSON.stringify(order));
}

/** The receipt promise is stored and never awaited. */
export async function completeOrder(order: Order): Promise<void> {
  await saveOrder(order);
  const customer = await loadCustomer(order.customerId);
  const receipt = sendReceipt(customer.email, order);
  console.log('order complete', order.id);
}

/** Two loads started, but the first has no handler while the second is awaited. */
export async function customerDashboard(customerId: string) {
  const customer = loadCustomer(customerId);
  const orders = await loadOrders(customerId);
  return { customer: await customer, orders };
}

/** A batch of receipts pushed into an array that nothing joins. */
export async function resendReceipts(orders: Order[], email: string): Promise<void> {
  const sends: Promise<void>[] = [];
  for (const order of orders) {
    sends.push(sendReceipt(email, order));
  }
  console.log('resending', sends.length, 'receipts');
}

/** The emitter ignores the listener's promise: a failed save is an unhandled rejection. */
export function wireOrderEvents(bus: EventEmitter): void {
  bus.on('order:paid', async (order: Order) => {
    await saveOrder(order);
  });
  process.on('SIGTERM', async () => {
    await writeFile('/var/run/orders.state', 'draining');
    process.exit(0);
  });
}

/** The same work, done right. */
export async function customerDashboardFixed(customerId: string) {
  const [customer, orders] = await Promise.all([loadCustomer(customerId), loadOrders(customerId)]);
  return { customer, orders };
}
