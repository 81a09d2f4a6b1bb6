import type { TriggerHandler } from '../triggers/trigger-handler.js';

/**
 * What nest-cognito/testing uses of `cognito-emulator`, typed here: the published types of this
 * entry never import the emulator's, so an application that only tests offline (`createOfflineCognito`)
 * needs no `cognito-emulator`, not even for type-checking. The emulator is loaded when
 * `startEmulatedCognito()` is called, and only then.
 */

/** A message the emulator "sent" (email or SMS): confirmation, reset and MFA codes, invitations. */
export interface EmulatorMessage {
  id: number;
  poolId: string;
  to: string;
  /**
   * Why it was sent: `SIGN_UP`, `RESEND_CODE`, `FORGOT_PASSWORD`, `VERIFY_ATTRIBUTE`, `INVITATION`,
   * `MFA` (the code of an SMS_MFA or EMAIL_OTP challenge), or another the emulator adds.
   */
  kind: string;
  subject: string | null;
  body: string;
  code: string | null;
  sentAt: string;
}

export interface EmulatorMessageFilter {
  to?: string;
  poolId?: string;
  /** Only messages with a greater id. */
  after?: number;
  /** Only the newest this many. */
  latest?: number;
}

/** The running emulator behind an `EmulatedCognito`. */
export interface RunningCognitoEmulator {
  /** Base URL for the AWS SDK's `endpoint` and for JWKS: `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** Messages "sent" so far, oldest first. */
  messages(filter?: EmulatorMessageFilter): EmulatorMessage[];
  stop(): Promise<void>;
}

export interface InProcessEmulator extends RunningCognitoEmulator {
  pools: Record<
    string,
    { id: string; clients: Record<string, { id: string; secret?: string } | undefined> } | undefined
  >;
}

/** The part of `cognito-emulator`'s `startEmulator` options that `startEmulatedCognito` sets. */
export interface EmulatorStartOptions {
  port: number;
  dataFile: string;
  passwordCost: number;
  /** The application's trigger handlers, by the function name the pool's `LambdaConfig` gives them. */
  lambdas?: Record<string, TriggerHandler>;
  seed: {
    pools: {
      name: string;
      settings: Record<string, unknown>;
      mfa?: Record<string, unknown>;
      /** The pool's domain prefix: its OAuth endpoints answer once it has one. */
      domain?: string;
      /** `CreateResourceServer` inputs (besides `UserPoolId`): the custom scopes of machine tokens. */
      resourceServers?: Record<string, unknown>[];
      clients: { name: string; generateSecret?: boolean; settings: Record<string, unknown> }[];
      groups: { name: string }[];
    }[];
  };
}

export interface EmulatorModule {
  startEmulator(options: EmulatorStartOptions): Promise<InProcessEmulator>;
}

const INSTALL_HINT =
  'startEmulatedCognito() needs the cognito-emulator package: install it as a dev dependency ' +
  '(npm install --save-dev cognito-emulator). createOfflineCognito() needs nothing more.';

/** `cognito-emulator`, or a clear error saying how to install it. */
export async function loadEmulator(): Promise<EmulatorModule> {
  try {
    const emulator: EmulatorModule = await import('cognito-emulator');
    return emulator;
  } catch (error) {
    if (isMissingPackage(error, 'cognito-emulator')) throw new Error(INSTALL_HINT, { cause: error });
    throw error;
  }
}

function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${name}'`)
  );
}
