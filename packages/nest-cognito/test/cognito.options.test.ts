import { describe, expect, it } from 'vitest';
import { resolveCognitoOptions } from '../src/cognito.options.js';

describe('resolveCognitoOptions', () => {
  it('derives the region from the pool id and defaults the auth flow', () => {
    expect(resolveCognitoOptions({ userPoolId: 'eu-central-1_AbC123', clientId: 'abc' })).toMatchObject({
      region: 'eu-central-1',
      authFlow: 'USER_PASSWORD_AUTH',
    });
  });

  it('keeps an explicit region and trims a trailing slash off the endpoint', () => {
    expect(
      resolveCognitoOptions({
        userPoolId: 'eu-central-1_AbC123',
        clientId: 'abc',
        region: 'us-west-2',
        endpoint: 'http://127.0.0.1:9229/',
      }),
    ).toMatchObject({ region: 'us-west-2', endpoint: 'http://127.0.0.1:9229' });
  });

  it('refuses the REST extras of 0.1 (controller, adminController), naming where the REST API went', () => {
    for (const removed of ['controller', 'adminController']) {
      expect(() =>
        resolveCognitoOptions({
          userPoolId: 'eu-central-1_AbC123',
          clientId: 'abc',
          [removed]: true,
        } as never),
      ).toThrow(
        `${removed} is no longer an option: import CognitoRestModule.forRoot({ auth: true, admin: true }) from 'nest-cognito/rest'`,
      );
    }
  });

  it('names every problem in one error', () => {
    let message = '';
    try {
      resolveCognitoOptions({
        userPoolId: 'nope',
        clientId: '',
        endpoint: 'ftp://x',
        authFlow: 'SRP' as never,
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('userPoolId "nope" is not of the form <region>_<id>');
    expect(message).toContain('clientId is required');
    expect(message).toContain('endpoint "ftp://x" is not an http(s) URL');
    expect(message).toContain('authFlow must be one of');
  });

  it('refuses missing options', () => {
    expect(() => resolveCognitoOptions(undefined)).toThrow(
      /userPoolId is required[\s\S]*clientId is required/,
    );
  });
});
