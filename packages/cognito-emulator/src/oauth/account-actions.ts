import type { EmulatorContext } from '../context.js';
import type { Client } from '../services/model.js';
import { secretHash } from '../services/secret-hash.js';
import { findTarget } from '../targets/index.js';
import { runTarget } from '../targets/target.js';

/**
 * The managed login's account pages run the public API operations an app would call (SignUp,
 * ConfirmSignUp, ForgotPassword, ConfirmForgotPassword), with the client's SECRET_HASH where it has
 * a secret: the same checks, triggers, messages and errors.
 */

const REQUEST = { sourceIp: null };

/** The operation's input, with the client and, where it has a secret, the secret hash of `username`. */
function withClient(client: Client, username: string, input: Record<string, unknown>) {
  return {
    ClientId: client.id,
    Username: username,
    ...(client.secret ? { SecretHash: secretHash(client.secret, username, client.id) } : {}),
    ...input,
  };
}

type Operation = 'SignUp' | 'ConfirmSignUp' | 'ForgotPassword' | 'ConfirmForgotPassword';

async function run(
  operation: Operation,
  ctx: EmulatorContext,
  input: Record<string, unknown>,
): Promise<unknown> {
  return runTarget(findTarget(operation)!, ctx, input, REQUEST);
}

/** Signs up with an email (the user name too) and a password; whether the user is already confirmed. */
export async function signUp(
  ctx: EmulatorContext,
  client: Client,
  email: string,
  password: string,
): Promise<{ confirmed: boolean }> {
  const answer = await run(
    'SignUp',
    ctx,
    withClient(client, email, { Password: password, UserAttributes: [{ Name: 'email', Value: email }] }),
  );
  const confirmed =
    typeof answer === 'object' &&
    answer !== null &&
    'UserConfirmed' in answer &&
    answer.UserConfirmed === true;
  return { confirmed };
}

export async function confirmSignUp(ctx: EmulatorContext, client: Client, username: string, code: string) {
  await run('ConfirmSignUp', ctx, withClient(client, username, { ConfirmationCode: code }));
}

export async function forgotPassword(ctx: EmulatorContext, client: Client, username: string) {
  await run('ForgotPassword', ctx, withClient(client, username, {}));
}

export async function confirmForgotPassword(
  ctx: EmulatorContext,
  client: Client,
  username: string,
  code: string,
  password: string,
) {
  await run(
    'ConfirmForgotPassword',
    ctx,
    withClient(client, username, { ConfirmationCode: code, Password: password }),
  );
}
