// The canonical case through @segment/analytics-node: people sign up, look at a product, and (some) buy.
// The run id is "<phase>.<id>": identify (both people sign up), view (both view the product), order (the buyer buys).
import { argumentsOf, report } from './client-clock.mjs';
import { Analytics } from '@segment/analytics-node';

const { host, writeKey, runId } = argumentsOf('segment-offer.mjs');
const [phase, id] = runId.split('.');
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', flushAt: 1, maxRetries: 3 });
const errors = [];
analytics.on('error', (error) => errors.push(String(error?.reason ?? error?.code ?? error)));
const send = (call, params) => new Promise((resolve) => analytics[call](params, (error) => { if (error) errors.push(`${call}: ${error}`); resolve(); }));

const browser = `browser-${id}`;
const buyer = `buyer-${id}`;
if (phase === 'identify') {
  for (const user of [browser, buyer]) {
    await send('identify', { userId: user, traits: { email: `${user}@example.com`, run: id } });
  }
} else if (phase === 'view') {
  for (const user of [browser, buyer]) {
    await send('track', { userId: user, event: 'Product Viewed', properties: { run: id, sku: 'TRAIL-42', name: 'Trail shoes', price: 129 } });
  }
} else if (phase === 'order') {
  await send('track', { userId: buyer, event: 'Order Completed', properties: { run: id, total: 129, currency: 'EUR' } });
} else {
  errors.push(`unknown phase ${phase}`);
}

await analytics.closeAndFlush({ timeout: 20_000 });
report({ browser, buyer, errors });
