#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startupLines, startupWarnings } from './banner.js';
import { emptyRecord } from './records.js';
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
  --lambda <name>=<file>[#<export>]
                    run the trigger function <name> (the name in the trigger's ARN) from a
                    Node.js handler file, reloaded when it changes (repeatable)
  --lambda-endpoint <url>
                    a Lambda Invoke API for the other functions (sam local start-lambda,
                    LocalStack, serverless-offline), e.g. http://127.0.0.1:3002
  --lambda-timeout <ms>
                    how long a trigger may take before it fails (default 5000, as on AWS)
  -h, --help        show this help
`;

/** `--lambda name=file[#export]` flags as a map of function names to handler files. */
function lambdaFlags(flags: string[] | undefined): Record<string, string> {
  const lambdas = emptyRecord<string>();
  for (const flag of flags ?? []) {
    const equals = flag.indexOf('=');
    if (equals < 1 || equals === flag.length - 1) {
      throw new Error(`--lambda must be <name>=<file>[#<export>], not ${flag}`);
    }
    lambdas[flag.slice(0, equals)] = flag.slice(equals + 1);
  }
  return lambdas;
}

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
      lambda: { type: 'string', multiple: true },
      'lambda-endpoint': { type: 'string' },
      'lambda-timeout': { type: 'string' },
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
  const lambdaTimeout = values['lambda-timeout'] === undefined ? undefined : Number(values['lambda-timeout']);
  if (lambdaTimeout !== undefined && !(Number.isInteger(lambdaTimeout) && lambdaTimeout > 0))
    throw new Error(
      `--lambda-timeout must be a positive number of milliseconds, not ${values['lambda-timeout']}`,
    );
  const lambdas = lambdaFlags(values.lambda);
  const emulator = await startEmulator({
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values.data ? { dataFile: values.data } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
    ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
    lambdas,
    ...(values['lambda-endpoint'] ? { lambdaEndpoint: values['lambda-endpoint'] } : {}),
    ...(lambdaTimeout ? { lambdaTimeoutMs: lambdaTimeout } : {}),
  });
  for (const line of startupLines(emulator.endpoint, emulator.pools)) console.log(line);
  for (const [name, file] of Object.entries(lambdas)) console.log(`  lambda ${name}: ${file}`);
  if (values['lambda-endpoint']) console.log(`  other lambdas: ${values['lambda-endpoint']}`);
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
