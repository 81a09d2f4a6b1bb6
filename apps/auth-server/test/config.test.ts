import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded emulator', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      emulator: { port: 9229, dataFile: '.data/cognito.db' },
    });
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
