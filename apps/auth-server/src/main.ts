import type { RunningEmulator } from 'cognito-emulator';
import type { CognitoModuleOptions } from 'nest-cognito';
import { CognitoAdminService } from 'nest-cognito';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { startEmbeddedCognito } from './embedded-cognito.js';
import { ensureFirstAdmin } from './first-admin.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  let emulator: RunningEmulator | undefined;
  let cognito: CognitoModuleOptions;
  if (config.cognito) {
    cognito = config.cognito;
  } else {
    ({ emulator, cognito } = await startEmbeddedCognito(config.emulator));
  }
  const app = await createApp({ ...cognito, adminGroup: config.adminGroup });
  if (config.admin) {
    const outcome = await ensureFirstAdmin(app.get(CognitoAdminService), config.admin, config.adminGroup);
    console.log(`administrator ${config.admin.email}: ${outcome} (group ${config.adminGroup})`);
  }
  await app.listen(config.port, config.host);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  console.log(`auth-server listening on ${url}`);
  console.log(`  API docs: ${url}/docs`);
  if (emulator) {
    console.log(`  embedded Cognito emulator: ${emulator.endpoint} (data: ${config.emulator.dataFile})`);
    console.log(`  user pool ${cognito.userPoolId}, app client ${cognito.clientId}`);
    console.log(`  codes sent to users: ${emulator.endpoint}/_emulator/inbox`);
  } else {
    console.log(
      `  Cognito user pool ${cognito.userPoolId}${cognito.endpoint ? ` at ${cognito.endpoint}` : ''}`,
    );
  }
  const stop = async () => {
    await app.close();
    await emulator?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
