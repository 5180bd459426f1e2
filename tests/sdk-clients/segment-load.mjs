// Steady load through @segment/analytics-node for the two-instance test: each person identifies (email, advertising
// consent), then views products round after round until LOAD_ROUNDS rounds are sent or a call fails. Reports the messageIds the server
// acknowledged (the SDK's callback without an error) and how many calls failed (the server was killed under them).
import { argumentsOf, report } from './client-clock.mjs';
import { Analytics } from '@segment/analytics-node';

const { host, writeKey, runId } = argumentsOf('segment-load.mjs');
const people = Number(process.env.LOAD_PEOPLE ?? '10');
const rounds = Number(process.env.LOAD_ROUNDS ?? '30');
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', flushAt: people, flushInterval: 50, maxRetries: 1, httpRequestTimeout: 5_000 });
const acknowledged = [];
let failed = 0;
analytics.on('error', () => {});
const send = (call, params) => new Promise((resolve) => analytics[call](params, (error, ctx) => {
  if (error) {
    failed++;
  } else {
    acknowledged.push(ctx.event.messageId);
  }
  resolve();
}));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const users = Array.from({ length: people }, (_, p) => `${runId}-${p}`);

await Promise.all(users.map((userId) =>
  send('identify', { userId, traits: { email: `${userId}@example.com` }, context: { consent: { categoryPreferences: { Advertising: true } } } })));
// Once the server stops answering (it was killed) there is no one left to send to: stop rather than retry every round.
for (let round = 0; round < rounds && failed === 0; round++) {
  await Promise.all(users.map((userId) => send('track', { userId, event: 'Load Viewed', properties: { run: runId, round } })));
  await sleep(100);
}
await analytics.closeAndFlush({ timeout: 20_000 });
report({ acknowledged, failed });
