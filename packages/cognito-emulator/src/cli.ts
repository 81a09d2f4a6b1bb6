#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startupLines, startupWarnings } from './banner.js';
import { startEmulator } from './start.js';

const USAGE = `Usage: cognito-emulator [options]

  --port <n>        port to listen on (default 9229; 0 = any free port)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --data <file>     SQLite file that keeps state across restarts (default :memory:)
  --seed <file>     JSON seed: pools, clients and users to create at start
  --region <name>   region of new pool ids (default us-east-1)
  --cors-origin <o> a web origin browsers may call from, besides loopback ones
                    (repeatable; * for any origin)
  --allowed-host <h> a host name requests may be addressed to (Host header), besides
                    loopback names, the --host address and the --cors-origin hosts,
                    e.g. a Docker service name or a LAN address (repeatable; * for any)
  -h, --help        show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      region: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = values.port === undefined ? 9229 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, not ${values.port}`);
  const emulator = await startEmulator({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
    ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
  });
  for (const line of startupLines(emulator.endpoint, emulator.pools)) console.log(line);
  const warnings = startupWarnings({
    host: emulator.host,
    corsOrigins: values['cors-origin'] ?? [],
    allowedHosts: values['allowed-host'] ?? [],
  });
  for (const line of warnings) console.warn(line);
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(
          `cognito-emulator: stopping failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`cognito-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
