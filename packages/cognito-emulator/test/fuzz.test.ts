import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { TARGETS } from '../src/targets/index.js';
import { WIRE_MODEL, type WireType } from '../src/wire-model.js';
import { emailPool, emulatorWithSdk, PASSWORD, signedInUser, wire } from './helpers.js';

/**
 * The hostile suite: property-based fuzzing of every implemented operation and of the raw HTTP
 * face. Whatever arrives, the emulator answers a valid 200 or an AWS-shaped 4xx (`__type`,
 * `message`, `x-amzn-ErrorType`), never a 5xx, and keeps serving. Bounded in runs and in time.
 */
let emulator: RunningEmulator;
let real: { poolId: string; clientId: string; accessToken: string; refreshToken: string; email: string };
const OPERATIONS = Object.keys(TARGETS);
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const TIME_LIMIT_MS = 20_000;

beforeAll(async () => {
  const started = await emulatorWithSdk({ passwordCost: 10 });
  emulator = started.emulator;
  const email = 'fuzz-target@example.com';
  const user = await signedInUser(emulator, started.cognito, email);
  real = {
    poolId: user.poolId,
    clientId: user.clientId,
    accessToken: user.tokens.AccessToken!,
    refreshToken: user.tokens.RefreshToken!,
    email,
  };
});
afterAll(() => emulator.stop());

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '😀',
  '\u202eevil\u202c',
  'שלום',
  '\uFEFF',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"quoted"',
  '{"json":1}',
  'x'.repeat(5000),
  ...PROTOTYPE_NAMES,
];

/** Strings of every kind: odd ones, any UTF-16 code units (lone surrogates too), huge ones. */
const anyString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...ODD_STRINGS),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 40,
    }),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'y'.repeat(n)),
  );

/** Real identifiers, so that fuzzed calls reach past "not found" into the operations. */
const realString = (member: string): fc.Arbitrary<string> => {
  const known: Record<string, () => string> = {
    UserPoolId: () => real.poolId,
    ClientId: () => real.clientId,
    AccessToken: () => real.accessToken,
    Token: () => real.refreshToken,
    Username: () => real.email,
    Password: () => PASSWORD,
  };
  return Object.hasOwn(known, member) ? fc.constant(null).map(() => known[member]!()) : anyString();
};

const deep = fc.integer({ min: 1, max: 3000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { nested: value };
  return value;
});

/** A JSON value of any type but `type` (or null, which is "absent"). */
function wrongValue(type: WireType): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.constant(null), deep];
  if (type !== 'string' && type !== 'blob') options.push(anyString());
  if (type !== 'number' && type !== 'timestamp')
    options.push(fc.oneof(fc.integer(), fc.double(), fc.constant(1e308)));
  if (type !== 'boolean') options.push(fc.boolean());
  if (typeof type !== 'object' || !('list' in type))
    options.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }));
  if (typeof type !== 'object' || 'list' in type) options.push(hostileObject());
  return fc.oneof(...options);
}

/** A value of the right JSON type, with hostile content. */
function rightValue(type: WireType, member: string, depth = 0): fc.Arbitrary<unknown> {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
      case 'blob':
        return realString(member);
      case 'number':
      case 'timestamp':
        return fc.oneof(
          fc.integer({ min: -10, max: 100 }),
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        );
      case 'boolean':
        return fc.boolean();
      case 'document':
        return fc.jsonValue({ maxDepth: 3 });
    }
  }
  if ('list' in type) {
    return fc.oneof(
      fc.array(valueFor(type.list, member, depth + 1), { maxLength: 4 }),
      fc.constant(Array.from({ length: 3000 }, () => 'x')),
    );
  }
  if ('map' in type) {
    return fc.dictionary(
      fc.oneof(anyString(), fc.constantFrom(...PROTOTYPE_NAMES)),
      valueFor(type.map, member, depth + 1),
      {
        maxKeys: 4,
      },
    );
  }
  return depth > 3 ? fc.constant({}) : structureBody(type.structure, depth + 1);
}

const valueFor = (type: WireType, member: string, depth: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: rightValue(type, member, depth) },
    { weight: 1, arbitrary: wrongValue(type) },
  );

/** A structure's members, each absent, right, wrong or null, plus prototype names as keys. */
function structureBody(name: string, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const members = WIRE_MODEL.structures[name] ?? {};
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [member, type] of Object.entries(members)) record[member] = valueFor(type, member, depth);
  return fc
    .tuple(fc.record(record, { requiredKeys: [] }), hostileObject())
    .map(([body, extra]) => ({ ...extra, ...body }));
}

/** Objects whose keys are Object.prototype names (own `__proto__` included) and anything else. */
function hostileObject(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .dictionary(
      fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 8 })),
      fc.jsonValue({ maxDepth: 2 }),
      {
        maxKeys: 3,
      },
    )
    .map((entries) => JSON.parse(JSON.stringify(entries)) as Record<string, unknown>);
}

const bodyFor = (operation: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: structureBody(WIRE_MODEL.operations[operation]!) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: hostileObject() },
  );

/** Any answer must be a valid 200 or an AWS-shaped error below 500. */
function assertWellFormed(op: string, answer: Awaited<ReturnType<typeof wire>>): void {
  const context = { op, status: answer.status, body: answer.body };
  expect(answer.status, JSON.stringify(context).slice(0, 500)).toBeLessThan(500);
  if (answer.status === 200) {
    expect(answer.body).toBeTypeOf('object');
    return;
  }
  expect(answer.type, JSON.stringify(context).slice(0, 500)).toBeTypeOf('string');
  expect(answer.body.__type).toBe(answer.type);
  expect(answer.body.message).toBeTypeOf('string');
}

describe('fuzzing every implemented operation', () => {
  it('never answers 5xx, always an AWS error shape or a valid 200', async () => {
    const targets = fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom(...OPERATIONS) },
      { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    );
    const property = fc.asyncProperty(
      targets.chain((op) =>
        fc.tuple(fc.constant(op), OPERATIONS.includes(op) ? bodyFor(op) : fc.jsonValue(), fc.boolean()),
      ),
      async ([op, body, signed]) => {
        assertWellFormed(op, await wire(emulator.endpoint, op, body, { signed }));
      },
    );
    await fc.assert(property, { numRuns: 4000, interruptAfterTimeLimit: TIME_LIMIT_MS });
  }, 60_000);

  it('reaches every operation with a body of the right shape at least once (no 5xx either)', async () => {
    for (const op of OPERATIONS) {
      const samples = fc.sample(structureBody(WIRE_MODEL.operations[op]!), { numRuns: 3, seed: 7 });
      for (const body of samples)
        assertWellFormed(op, await wire(emulator.endpoint, op, body, { signed: true }));
    }
  }, 60_000);
});

describe('fuzzing the raw HTTP face', () => {
  it('bad JSON, empty or huge bodies, any content type, method and path: never 5xx', async () => {
    const property = fc.asyncProperty(
      fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      fc.oneof(
        fc.constant('/'),
        fc.constantFrom('/_emulator/messages?after=x&latest=-1', '/_emulator/health', '/%', '/..%2f', '//'),
        fc.webPath(),
        fc.constant(`/${'a'.repeat(5000)}`),
      ),
      fc.oneof(
        fc.constant('application/x-amz-json-1.1'),
        fc.constantFrom('application/json', 'text/plain', '', 'application/x-amz-json-1.1; charset=latin1'),
        fc.string({ maxLength: 20 }),
      ),
      fc.oneof(fc.constantFrom(...OPERATIONS, ...PROTOTYPE_NAMES, ''), fc.string({ maxLength: 20 })),
      fc.oneof(
        fc.constantFrom('', '{', '[]', 'null', '"x"', '1', '{"a":', '\u0000', '{"__proto__":{"x":1}}'),
        fc.string({ maxLength: 200 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.integer({ min: 0, max: 3 }).map((n) => '['.repeat(100_000 * n) + ']'.repeat(100_000 * n)),
      ),
      async (method, path, contentType, target, body) => {
        const status = await rawRequest(
          method,
          path,
          {
            'content-type': contentType,
            'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
          },
          method === 'GET' || method === 'HEAD' ? '' : body,
        );
        expect({ method, path: path.slice(0, 80), status }).toMatchObject({ status: expect.any(Number) });
        expect(status).toBeLessThan(500);
      },
    );
    await fc.assert(property, { numRuns: 600, interruptAfterTimeLimit: 10_000 });
  }, 60_000);

  it('still serves afterwards: health, and a real sign-up and sign-in', async () => {
    expect((await fetch(`${emulator.endpoint}/_emulator/health`)).status).toBe(200);
    const fresh = await emulatorWithSdkClient();
    const pool = await emailPool(fresh);
    await fresh.signUp({ ClientId: pool.clientId, Username: 'after-fuzz@example.com', Password: PASSWORD });
    await fresh.adminConfirmSignUp({ UserPoolId: pool.poolId, Username: 'after-fuzz@example.com' });
    const { AuthenticationResult } = await fresh.initiateAuth({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'after-fuzz@example.com', PASSWORD },
    });
    expect(AuthenticationResult?.AccessToken).toBeTypeOf('string');
  });
});

/** An SDK client on the fuzzed emulator. */
async function emulatorWithSdkClient() {
  const { CognitoIdentityProvider } = await import('@aws-sdk/client-cognito-identity-provider');
  return new CognitoIdentityProvider({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/**
 * One request over node:http (any method, path and header), resolving to the status. The length is
 * always declared: node's client sends a DELETE or OPTIONS body without one, which no server can
 * tell from the next request.
 */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(emulator.endpoint);
    let req;
    try {
      req = request({
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
    } catch {
      // A header or path node itself refuses to send is not the emulator's to answer.
      resolve(0);
      return;
    }
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}
