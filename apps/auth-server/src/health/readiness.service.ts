import { Inject, Injectable, Optional } from '@nestjs/common';
import { COGNITO_OPTIONS, CognitoTokenVerifier, type ResolvedCognitoOptions } from 'nest-cognito';
import { REDIS } from '../redis.js';

export type CheckState = 'ok' | 'down';
export interface ReadinessChecks {
  jwks: CheckState;
  cognito: CheckState;
  redis?: CheckState;
}

/** How long one answer serves: a flood of probes costs Cognito at most one JWKS fetch per pool per period. */
const CACHE_MS = 2000;
const REDIS_TIMEOUT_MS = 1000;

/**
 * What `/health/ready` reports. Cognito's reachability is proven by fetching the pools' JWKS (the
 * same host as the API, no credentials needed), which also loads a JWKS that failed at start-up.
 */
@Injectable()
export class ReadinessService {
  private last?: { at: number; checks: Promise<ReadinessChecks> };
  private readonly jwksUris: string[];

  constructor(
    private readonly verifier: CognitoTokenVerifier,
    @Inject(COGNITO_OPTIONS) options: ResolvedCognitoOptions,
    @Optional() @Inject(REDIS) private readonly redis?: { ping(): Promise<unknown> },
  ) {
    this.jwksUris = options.verification.userPoolIds.map(
      (id) => `https://cognito-idp.${id.split('_')[0]}.amazonaws.com/${id}/.well-known/jwks.json`,
    );
  }

  check(): Promise<ReadinessChecks> {
    const now = Date.now();
    if (!this.last || now - this.last.at >= CACHE_MS) this.last = { at: now, checks: this.run() };
    return this.last.checks;
  }

  private async run(): Promise<ReadinessChecks> {
    const [cognito, redis] = await Promise.all([
      Promise.all(this.jwksUris.map((uri) => this.verifier.jwks.refresh(uri))).then(
        (): CheckState => 'ok',
        (): CheckState => 'down',
      ),
      this.redis ? this.pingRedis() : undefined,
    ]);
    const jwks: CheckState = this.jwksUris.every((uri) => this.verifier.jwks.has(uri)) ? 'ok' : 'down';
    return { jwks, cognito, ...(redis ? { redis } : {}) };
  }

  private async pingRedis(): Promise<CheckState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), REDIS_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis!.ping(), timeout]);
      return 'ok';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }
}
