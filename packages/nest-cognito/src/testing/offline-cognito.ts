import { COGNITO_JWKS_FETCHER, COGNITO_OPTIONS } from '../cognito.constants.js';
import type { ResolvedCognitoOptions } from '../cognito.options.js';
import type { Overridable } from './testing-module.js';
import { type MintClaims, type MintMachineClaims, TokenMinter } from './token-minter.js';

/**
 * Tests without any Cognito: the application keeps its own configuration, except that its guard
 * is given the JWKS of a key pair made in this process, so that it accepts the tokens this helper
 * mints (and still every real check: issuer, client, `token_use`, expiry, groups, scopes).
 * Nothing but `apply()` on a testing module installs that JWKS; a production configuration fetches
 * the pool's real JWKS, where this key never is.
 */
export class OfflineCognito {
  private readonly minter = new TokenMinter();
  private options?: ResolvedCognitoOptions;

  /** Wires the testing module's guard to this helper's keys. Call before `compile()`. */
  apply<T extends Overridable>(builder: T): T {
    builder.overrideProvider(COGNITO_JWKS_FETCHER).useFactory({
      inject: [COGNITO_OPTIONS],
      factory: (options: ResolvedCognitoOptions) => {
        this.options = options;
        return async () => this.minter.jwks;
      },
    });
    return builder;
  }

  /** An access token of the application's pool and (first) client, with the given claims. */
  mintAccessToken(claims: MintClaims = {}): string {
    return this.minter.accessToken(this.pool(), claims);
  }

  /**
   * A machine token of the application's pool (client credentials: `sub` = `client_id`, no user,
   * the given scopes), issued to `clientId` or the first client the application accepts: the guard
   * refuses a client it does not list in `verification.clientIds`, as it would a real token.
   */
  mintMachineToken(claims: MintMachineClaims): string {
    return this.minter.machineToken(this.pool(), claims);
  }

  /** An ID token of the application's pool and (first) client, with the given claims. */
  mintIdToken(claims: MintClaims = {}): string {
    return this.minter.idToken(this.pool(), claims);
  }

  private pool(): { userPoolId: string; clientId: string } {
    if (!this.options) {
      throw new Error('Apply the OfflineCognito to the testing module and compile it before minting tokens.');
    }
    return {
      userPoolId: this.options.verification.userPoolIds[0]!,
      clientId: this.options.verification.clientIds[0]!,
    };
  }
}

/** See `OfflineCognito`. */
export function createOfflineCognito(): OfflineCognito {
  return new OfflineCognito();
}
