import { isWildcardAddress } from './hosts.js';
import type { SeededPool } from './seed.js';

/**
 * What the command line prints once it listens: the endpoint, the inbox and outbox, and each seeded
 * pool with its clients' ids and, for clients with one, their secrets. The secret of a local test
 * client is printed here and only here (on the terminal of whoever started the emulator), so that
 * an application can be configured with it; nothing else logs it.
 */
export function startupLines(endpoint: string, pools: Record<string, SeededPool>): string[] {
  const lines = [
    `cognito-emulator listening on ${endpoint}`,
    `  inbox:  ${endpoint}/_emulator/inbox`,
    `  outbox: ${endpoint}/_emulator/messages`,
  ];
  for (const pool of Object.values(pools)) {
    lines.push(`  pool ${pool.name}: ${pool.id}`);
    for (const [name, client] of Object.entries(pool.clients)) {
      lines.push(`    client ${name}: ${client.id}${client.secret ? `  secret: ${client.secret}` : ''}`);
    }
  }
  return lines;
}

/**
 * Warnings printed at start for settings that open the emulator beyond the developer's machine:
 * any web origin (`--cors-origin '*'`), any `Host` (`--allowed-host '*'`), every interface.
 */
export function startupWarnings(settings: {
  host: string;
  corsOrigins: readonly string[];
  allowedHosts: readonly string[];
}): string[] {
  const warnings: string[] = [];
  if (settings.corsOrigins.some((origin) => origin.trim() === '*')) {
    warnings.push(
      "cognito-emulator: WARNING --cors-origin '*': any web page the browser opens may create users and read codes.",
    );
  }
  const anyHost = settings.allowedHosts.some((host) => host.trim() === '*');
  if (anyHost) {
    warnings.push(
      "cognito-emulator: WARNING --allowed-host '*': no Host check, so DNS rebinding pages can reach the emulator.",
    );
  }
  if (isWildcardAddress(settings.host)) {
    warnings.push(
      `cognito-emulator: WARNING listening on ${settings.host} (every interface): anyone on the network may call it` +
        (anyHost ? '.' : '; requests must still name localhost, a loopback address or an --allowed-host.'),
    );
  }
  return warnings;
}
