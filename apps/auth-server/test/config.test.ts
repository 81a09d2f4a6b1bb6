import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded emulator', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      emulator: { port: 9229, dataFile: '.data/cognito.db' },
      adminGroup: 'admin',
    });
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

  it('names every problem at once', () => {
    expect(() => loadConfig({ PORT: 'abc', COGNITO_USER_POOL_ID: 'eu-west-1_x' })).toThrow(
      /PORT must be a port number[\s\S]*COGNITO_CLIENT_ID is required/,
    );
  });
});
