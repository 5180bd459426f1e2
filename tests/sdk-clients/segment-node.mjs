// Drives @segment/analytics-node against CrmCdp: one call of each kind, then a burst the SDK sends in batches.
import { argumentsOf, report } from './client-clock.mjs';
import { Analytics } from '@segment/analytics-node';

const { host, writeKey, runId } = argumentsOf('segment-node.mjs');
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', flushAt: 15, flushInterval: 60_000, maxRetries: 0 });
const statuses = [];
const errors = [];
analytics.on('http_response', (response) => statuses.push(response.status));
analytics.on('error', (error) => errors.push(String(error?.reason ?? error?.code ?? error)));

// Each call resolves with the messageId the SDK gave the event, once the server has answered for it.
const sent = (call, params) =>
  new Promise((resolve) =>
    analytics[call](params, (error, ctx) => {
      if (error) {
        errors.push(`${call}: ${error}`);
      }
      resolve(ctx?.event?.messageId ?? null);
    }));

const userId = `user-${runId}`;
const anonymousId = `anon-${runId}`;
const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
const calls = await Promise.all([
  sent('identify', { userId, anonymousId, traits: { email: `${runId}@example.com`, plan: 'pro', seats: 3 }, timestamp: anHourAgo }),
  sent('track', {
    userId,
    anonymousId,
    event: 'Order Completed',
    properties: { orderId: `o-${runId}`, total: 42.5, currency: 'EUR', products: [{ sku: 'sku-1', quantity: 2 }] },
    context: { ip: '203.0.113.7', locale: 'de-DE' },
    timestamp: anHourAgo,
  }),
  sent('page', { anonymousId, category: 'Docs', name: 'Pricing', properties: { url: 'https://shop.example/pricing', path: '/pricing' } }),
  sent('group', { userId, groupId: `acme-${runId}`, traits: { name: 'Acme GmbH', employees: 50 } }),
  sent('alias', { userId, previousId: anonymousId }),
  analytics.flush().then(() => 'flushed'),
]);
const requestsBeforeBurst = statuses.length;

const burst = [];
for (let i = 0; i < 40; i++) {
  burst.push(sent('track', { userId, event: 'Item Viewed', properties: { index: i } }));
}
await analytics.closeAndFlush({ timeout: 20_000 });
const burstIds = await Promise.all(burst);

report({
  library: 'analytics-node',
  ids: { identify: calls[0], track: calls[1], page: calls[2], group: calls[3], alias: calls[4] },
  burst: burstIds,
  requestsBeforeBurst,
  burstRequests: statuses.length - requestsBeforeBurst,
  statuses,
  errors,
});
