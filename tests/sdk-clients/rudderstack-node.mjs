// Drives @rudderstack/rudder-sdk-node (gzip on, its default) against CrmCdp: one call of each kind, then a burst
// the SDK sends in batches.
import { argumentsOf, report } from './client-clock.mjs';
import Analytics from '@rudderstack/rudder-sdk-node';

const { host, writeKey, runId } = argumentsOf('rudderstack-node.mjs');
const errors = [];
const client = new Analytics(writeKey, {
  dataPlaneUrl: host,
  flushAt: 15,
  flushInterval: 60_000,
  retryCount: 0,
  logLevel: 'error',
  errorHandler: (error) => errors.push(`${error?.response?.status ?? error?.code ?? error}`),
});
const statuses = [];
const encodings = [];
client.axiosInstance.interceptors.response.use(
  (response) => {
    statuses.push(response.status);
    encodings.push(response.config.headers?.get?.('Content-Encoding') ?? response.config.headers?.['Content-Encoding'] ?? null);
    return response;
  },
  (error) => {
    statuses.push(error?.response?.status ?? 0);
    return Promise.reject(error);
  });

// Each call resolves once the server has answered for its event (the SDK makes up the messageIds).
const sent = (call, params) =>
  new Promise((resolve) => {
    client[call](params, (error) => {
      if (error) {
        errors.push(`${call}: ${error}`);
      }
      resolve(call);
    });
  });

const userId = `user-${runId}`;
const anonymousId = `anon-${runId}`;
// RudderStack's client-side event time is originalTimestamp (the SDK sets it to now when it is not given).
const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
await Promise.all([
  sent('identify', { userId, anonymousId, traits: { email: `${runId}@example.com`, plan: 'pro', seats: 3 }, originalTimestamp: anHourAgo }),
  sent('track', {
    userId,
    anonymousId,
    event: 'Order Completed',
    properties: { orderId: `o-${runId}`, total: 42.5, currency: 'EUR', products: [{ sku: 'sku-1', quantity: 2 }] },
    context: { ip: '203.0.113.7', locale: 'de-DE' },
    originalTimestamp: anHourAgo,
  }),
  sent('page', { anonymousId, category: 'Docs', name: 'Pricing', properties: { url: 'https://shop.example/pricing', path: '/pricing' } }),
  sent('group', { userId, groupId: `acme-${runId}`, traits: { name: 'Acme GmbH', employees: 50 } }),
  sent('alias', { userId, previousId: anonymousId }),
  client.flush(),
]);
const requestsBeforeBurst = statuses.length;

const burst = [];
for (let i = 0; i < 40; i++) {
  burst.push(sent('track', { userId, event: 'Item Viewed', properties: { index: i } }));
}
while (client.queue.length > 0) {
  await client.flush();
}
await Promise.all(burst);

report({
  library: 'rudder-sdk-node',
  burst: burst.length,
  requestsBeforeBurst,
  burstRequests: statuses.length - requestsBeforeBurst,
  statuses,
  encodings,
  errors,
});
