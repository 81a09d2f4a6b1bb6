import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { SIGNED_TARGETS, TARGETS } from '../src/targets/index.js';

/** Whether the AWS SDK signs a request of this operation (SigV4), read from the request it builds. */
async function sdkSigns(operation: string): Promise<boolean> {
  const client = new sdk.CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  let signed: boolean | undefined;
  const stop = new Error('stop before sending');
  client.middlewareStack.addRelativeTo(
    () => async (args: { request: unknown }) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      signed =
        typeof headers.authorization === 'string' && headers.authorization.startsWith('AWS4-HMAC-SHA256');
      throw stop;
    },
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'observeSignature' },
  );
  const Command = (sdk as unknown as Record<string, new (input: object) => never>)[`${operation}Command`]!;
  await expect(client.send(new Command({}))).rejects.toBe(stop);
  client.destroy();
  return signed!;
}

describe('targets', () => {
  it('each declares whether it needs a signed request exactly as the AWS SDK signs the operation', async () => {
    const mismatches: string[] = [];
    for (const [name, target] of Object.entries(TARGETS)) {
      const signs = await sdkSigns(name);
      if (signs !== target.signed)
        mismatches.push(`${name}: SDK signs ${signs}, target says ${target.signed}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('SIGNED_TARGETS is what the targets declare, not a list kept apart', () => {
    const declared = Object.keys(TARGETS).filter((name) => TARGETS[name]!.signed);
    expect([...SIGNED_TARGETS].sort()).toEqual(declared.sort());
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.length).toBeLessThan(Object.keys(TARGETS).length);
  });
});

describe('the store', () => {
  it('compiles a statement once and hands the same one back, within a bounded cache', () => {
    const db = openDatabase(':memory:');
    try {
      const first = db.prepare('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?');
      expect(db.prepare('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?')).toBe(first);
      expect((first.get('none') as { n: number }).n).toBe(0);
      // Past the bound, the oldest is dropped and compiled again when asked for.
      for (let i = 0; i < 256; i++) db.prepare(`SELECT ${i} AS n`);
      const again = db.prepare('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?');
      expect(again).not.toBe(first);
      expect((again.get('none') as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});
