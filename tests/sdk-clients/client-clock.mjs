// Makes this process's clock run fast (or slow) by CLIENT_CLOCK_OFFSET_MS, like a device whose clock is wrong, so the
// tests can see that the server corrects event times with receivedAt − (sentAt − timestamp).
// Must be imported before the SDK creates any date.
const offset = Number(process.env.CLIENT_CLOCK_OFFSET_MS ?? '0');
if (offset !== 0) {
  const RealDate = Date;
  class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) {
        super(RealDate.now() + offset);
      } else {
        super(...args);
      }
    }

    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = SkewedDate;
}

/** The command line: node script.mjs <host> <writeKey> <runId>. */
export function argumentsOf(script) {
  const [host, writeKey, runId] = process.argv.slice(2);
  if (!host || !writeKey || !runId) {
    console.error(`usage: node ${script} <host e.g. http://127.0.0.1:5000> <writeKey> <runId>`);
    process.exit(2);
  }
  return { host, writeKey, runId };
}

/** Prints the run's outcome as one line the tests look for. */
export function report(result) {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
