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
