import { describe, expect, it } from 'vitest';
import { webLoginOptions } from '../src/app.module.js';
import { loadConfig, WEB_LOGIN_SCOPES } from '../src/config.js';

const SECRET = 'k'.repeat(40);

/** The configuration error for this environment (empty when it loads). */
function problems(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the reference server’s web login configuration', () => {
  it('is off unless WEB_LOGIN_ORIGIN is set', () => {
    expect(loadConfig({}).webLogin).toBeUndefined();
  });

  it('reads the origin and the cookie secret; the embedded emulator needs no domain', () => {
    const config = loadConfig({
      WEB_LOGIN_ORIGIN: 'http://localhost:3000/',
      WEB_LOGIN_COOKIE_SECRET: SECRET,
    });
    expect(config.webLogin).toEqual({ origin: 'http://localhost:3000', cookieSecret: SECRET });
    expect(webLoginOptions(config.webLogin!, 'http://127.0.0.1:9229')).toEqual({
      domain: 'http://127.0.0.1:9229',
      redirectUri: 'http://localhost:3000/auth/oauth/callback',
      postLogoutRedirect: 'http://localhost:3000/',
      scopes: WEB_LOGIN_SCOPES,
      cookie: { secret: SECRET },
    });
  });

  it('takes the pool’s domain with a pool of one’s own', () => {
    const config = loadConfig({
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: 'client',
      WEB_LOGIN_ORIGIN: 'https://app.example.com',
      WEB_LOGIN_COOKIE_SECRET: SECRET,
      COGNITO_DOMAIN: 'https://app.auth.eu-west-1.amazoncognito.com',
    });
    expect(webLoginOptions(config.webLogin!, 'unused').domain).toBe(
      'https://app.auth.eu-west-1.amazoncognito.com',
    );
  });

  it('names what is missing or wrong, never the secret', () => {
    const message = problems({
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: 'client',
      WEB_LOGIN_ORIGIN: 'https://app.example.com/path',
      WEB_LOGIN_COOKIE_SECRET: 'too-short-secret',
    });
    expect(message).toContain('WEB_LOGIN_ORIGIN must be an origin such as https://app.example.com');
    expect(message).toContain('WEB_LOGIN_COOKIE_SECRET is required with WEB_LOGIN_ORIGIN: at least 32 bytes');
    expect(message).toContain('COGNITO_DOMAIN is required with WEB_LOGIN_ORIGIN and COGNITO_USER_POOL_ID');
    expect(message).not.toContain('too-short-secret');
    expect(problems({ WEB_LOGIN_COOKIE_SECRET: SECRET })).toContain(
      'WEB_LOGIN_COOKIE_SECRET / COGNITO_DOMAIN are set but WEB_LOGIN_ORIGIN is not',
    );
  });
});
