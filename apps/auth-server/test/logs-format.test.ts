import { describe, expect, it } from 'vitest';
import { ServerLogger } from '../src/logging/server-logger.js';

function capture(format: 'json' | 'pretty', level: 'log' | 'warn' | 'verbose' = 'log') {
  const out: string[] = [];
  const err: string[] = [];
  const logger = new ServerLogger({ format, level }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { logger, out, err };
}

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('ServerLogger', () => {
  it('json: one object a line, errors on stderr, Nest contexts kept', () => {
    const { logger, out, err } = capture('json');
    logger.log('started', 'AuthServer');
    logger.error('failed', 'Error: x\n    at y', 'AuthServer');
    logger.entry('log', 'http', 'request', { requestId: 'r1', method: 'GET', route: '/health', status: 200 });
    expect(out.map((line) => JSON.parse(line))).toEqual([
      { time: expect.any(String), level: 'info', context: 'AuthServer', msg: 'started' },
      {
        time: expect.any(String),
        level: 'info',
        context: 'http',
        msg: 'request',
        requestId: 'r1',
        method: 'GET',
        route: '/health',
        status: 200,
      },
    ]);
    expect(JSON.parse(err[0]!)).toMatchObject({ level: 'error', context: 'AuthServer', msg: 'failed' });
  });

  it('pretty: readable lines, not JSON', () => {
    const { logger, out } = capture('pretty');
    logger.entry('log', 'http', 'request', { method: 'POST', route: '/auth/sign-in', status: 401 });
    expect(out[0]).toMatch(/^\S+Z INFO {2}\[http\] request method=POST route=\/auth\/sign-in status=401$/);
    expect(() => JSON.parse(out[0]!)).toThrow();
  });

  it('LOG_LEVEL drops what is below it', () => {
    const { logger, out, err } = capture('json', 'warn');
    logger.log('dropped');
    logger.debug('dropped');
    logger.warn('kept');
    logger.error('kept too');
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(1);
  });

  it('scrubs tokens, bearer credentials and secret-named fields, whatever it is handed', () => {
    const { logger, out } = capture('json', 'verbose');
    logger.log(`token ${JWT} and Bearer abc.def-123`, 'Test');
    logger.entry('log', 'Test', 'fields', {
      password: 'Pw-1',
      SECRET_HASH: 'h',
      refreshToken: 'r',
      authorization: 'a',
      cookie: 'c',
      code: '123456',
      nested: { session: 's', note: JWT },
    });
    const log = out.join('\n');
    for (const secret of [JWT, 'abc.def-123', 'Pw-1', '"h"', '"r"', '"a"', '"c"', '123456', '"s"']) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('[redacted]');
  });
});
