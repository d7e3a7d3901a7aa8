#!/usr/bin/env node
// Starts the mock upstream for the benchmark and spawned-process tests:
//   node test/mock-upstream/cli.mjs [--port 0] [--host 127.0.0.1] [--max-recorded 10000]
// and prints `MOCK_UPSTREAM_URL=<url>` on stdout once it listens.
import { parseArgs } from 'node:util';
import { startMockUpstream } from './start-mock-upstream.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'max-recorded': { type: 'string', default: '10000' },
  },
});

const mock = await startMockUpstream({
  port: Number(values.port),
  host: values.host,
  maxRecorded: Number(values['max-recorded']),
});
process.stdout.write(`MOCK_UPSTREAM_URL=${mock.url}\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    mock.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
