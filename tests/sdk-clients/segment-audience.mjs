// Product views through @segment/analytics-node for the real-time audience test: expensive shoes (a member), hats
// (not one), and boots viewed 40 seconds ago (a member of a one-minute window until that minute passes).
import { argumentsOf, report } from './client-clock.mjs';
import { Analytics } from '@segment/analytics-node';

const { host, writeKey, runId } = argumentsOf('segment-audience.mjs');
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', flushAt: 3, maxRetries: 3 });
const errors = [];
analytics.on('error', (error) => errors.push(String(error?.reason ?? error?.code ?? error)));
const send = (call, params) => new Promise((resolve) => analytics[call](params, (error) => { if (error) errors.push(`${call}: ${error}`); resolve(); }));

const shoes = `shoes-${runId}`;
const hats = `hats-${runId}`;
const boots = `boots-${runId}`;
const bootsViewedAt = new Date(Date.now() - 40 * 1000);
await Promise.all([
  send('track', { userId: shoes, event: 'Product Viewed', properties: { category: 'shoes', price: 150, run: runId } }),
  send('track', { userId: hats, event: 'Product Viewed', properties: { category: 'hats', price: 150, run: runId } }),
  send('track', { userId: boots, event: 'Product Viewed', properties: { category: 'boots', price: 150, run: runId }, timestamp: bootsViewedAt }),
]);
await analytics.closeAndFlush({ timeout: 20_000 });
report({ shoes, hats, boots, bootsViewedAt: bootsViewedAt.toISOString(), errors });
