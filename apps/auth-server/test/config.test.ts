import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded emulator', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      authFlow: 'USER_SRP_AUTH',
      refreshTokenRotation: false,
      emulator: { port: 9229, dataFile: '.data/cognito.db' },
      adminGroup: 'admin',
      rateLimit: { windowSeconds: 60, perIp: 60, perAccount: 10 },
      log: { format: 'pretty', level: 'log' },
      shutdownTimeoutSeconds: 10,
    });
  });

  it('reads rate limits, Redis, logging and the shutdown time-out', () => {
    expect(
      loadConfig({
        RATE_LIMIT_WINDOW_SECONDS: '30',
        RATE_LIMIT_PER_IP: '100',
        RATE_LIMIT_PER_ACCOUNT: '0',
        REDIS_URL: 'redis://:pw@cache:6379/0',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_SECONDS: '25',
      }),
    ).toMatchObject({
      rateLimit: { windowSeconds: 30, perIp: 100, perAccount: 0 },
      redisUrl: 'redis://:pw@cache:6379/0',
      log: { format: 'json', level: 'log' },
      shutdownTimeoutSeconds: 25,
    });
    expect(loadConfig({ NODE_ENV: 'production' }).log.format).toBe('json');
  });

  it('refuses bad limits, log settings and URLs, without echoing a Redis password', () => {
    let message = '';
    try {
      loadConfig({
        RATE_LIMIT_PER_IP: '-1',
        RATE_LIMIT_WINDOW_SECONDS: '0',
        LOG_FORMAT: 'xml',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'http://user:hunter2@cache',
        COGNITO_USER_POOL_ID: 'pool',
        COGNITO_CLIENT_ID: 'client',
        COGNITO_ENDPOINT: 'ftp://x',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/RATE_LIMIT_PER_IP must be a whole number from 0/);
    expect(message).toMatch(/RATE_LIMIT_WINDOW_SECONDS must be a whole number from 1/);
    expect(message).toMatch(/LOG_FORMAT must be json or pretty/);
    expect(message).toMatch(/LOG_LEVEL must be one of/);
    expect(message).toMatch(/REDIS_URL must be a redis/);
    expect(message).toMatch(/COGNITO_USER_POOL_ID must look like/);
    expect(message).toMatch(/COGNITO_ENDPOINT must be an http\(s\) URL/);
    expect(message).not.toContain('hunter2');
  });

  it('takes the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD, both or neither', () => {
    expect(
      loadConfig({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'Root-passw0rd!', ADMIN_GROUP: 'ops' }),
    ).toMatchObject({
      admin: { email: 'root@example.com', password: 'Root-passw0rd!' },
      adminGroup: 'ops',
    });
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com' })).toThrow(
      /ADMIN_EMAIL and ADMIN_PASSWORD go together/,
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'root', ADMIN_PASSWORD: 'x' })).toThrow(
      /ADMIN_EMAIL must be an email address/,
    );
  });

  it('uses a real pool when one is configured', () => {
    const config = loadConfig({
      PORT: '8080',
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: 'client',
      COGNITO_CLIENT_SECRET: 'secret',
      AWS_REGION: 'eu-west-1',
    });
    expect(config.port).toBe(8080);
    expect(config.cognito).toEqual({
      userPoolId: 'eu-west-1_AbC123',
      clientId: 'client',
      clientSecret: 'secret',
      region: 'eu-west-1',
    });
  });

  it('signs in with SRP unless COGNITO_AUTH_FLOW says otherwise', () => {
    expect(loadConfig({ COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH' }).authFlow).toBe('USER_PASSWORD_AUTH');
    expect(loadConfig({ COGNITO_AUTH_FLOW: ' ADMIN_USER_PASSWORD_AUTH ' }).authFlow).toBe(
      'ADMIN_USER_PASSWORD_AUTH',
    );
    expect(() => loadConfig({ COGNITO_AUTH_FLOW: 'CUSTOM_AUTH' })).toThrow(
      'COGNITO_AUTH_FLOW must be one of USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, not "CUSTOM_AUTH"',
    );
  });

  it('reads whether the app client rotates refresh tokens', () => {
    expect(loadConfig({ COGNITO_REFRESH_TOKEN_ROTATION: 'TRUE' }).refreshTokenRotation).toBe(true);
    expect(() => loadConfig({ COGNITO_REFRESH_TOKEN_ROTATION: 'yes' })).toThrow(
      'COGNITO_REFRESH_TOKEN_ROTATION must be true or false, not "yes"',
    );
  });

  it('names every problem at once', () => {
    expect(() => loadConfig({ PORT: 'abc', COGNITO_USER_POOL_ID: 'eu-west-1_x' })).toThrow(
      /PORT must be a port number[\s\S]*COGNITO_CLIENT_ID is required/,
    );
  });
});
