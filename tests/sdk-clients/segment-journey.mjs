// A customer journey through @segment/analytics-node: anonymous page views, a sign-up identify, a purchase, then a
// second person signing up on the same (shared) device. Identity resolution must make two profiles of it.
import { argumentsOf, report } from './client-clock.mjs';
import { Analytics } from '@segment/analytics-node';

const { host, writeKey, runId } = argumentsOf('segment-journey.mjs');
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', flushAt: 1, maxRetries: 3 });
const errors = [];
analytics.on('error', (error) => errors.push(String(error?.reason ?? error?.code ?? error)));
const send = (call, params) => new Promise((resolve) => analytics[call](params, (error) => { if (error) errors.push(`${call}: ${error}`); resolve(); }));

const device = `device-${runId}`;
const ada = `ada-${runId}`;
const bob = `bob-${runId}`;
const at = (minutes) => new Date(Date.now() - (60 - minutes) * 60 * 1000);
await send('page', { anonymousId: device, name: 'Home', timestamp: at(0) });
await send('page', { anonymousId: device, name: 'Pricing', timestamp: at(1) });
await send('identify', { anonymousId: device, userId: ada, traits: { email: `${ada}@example.com`, plan: 'trial' }, timestamp: at(2) });
await send('track', { userId: ada, event: 'Order Completed', properties: { total: 99, currency: 'EUR' }, timestamp: at(3) });
await send('identify', { anonymousId: device, userId: bob, traits: { email: `${bob}@example.com` }, timestamp: at(10) });
await send('track', { userId: bob, event: 'Order Completed', properties: { total: 5, currency: 'EUR' }, timestamp: at(11) });
await analytics.closeAndFlush({ timeout: 20_000 });
report({ device, ada, bob, errors });
