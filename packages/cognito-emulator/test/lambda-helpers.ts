import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { CognitoError, type PreSignUpTriggerEvent } from '../src/index.js';
import { rejection } from './helpers.js';

/** The ARN of a function of that name, as a pool's `LambdaConfig` holds it. */
export const arnOf = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** A pre sign-up event of a pool, for a user of that email. */
export function preSignUpEvent(
  poolId = 'us-east-1_Lambda001',
  email = 'jane@example.com',
): PreSignUpTriggerEvent {
  return {
    version: '1',
    triggerSource: 'PreSignUp_SignUp',
    region: 'us-east-1',
    userPoolId: poolId,
    userName: 'jane',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client1' },
    request: { userAttributes: { email }, validationData: {}, clientMetadata: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

/** A temporary folder of handler files, removed by `remove()`. */
export function triggerFolder() {
  const root = mkdtempSync(join(tmpdir(), 'lambda-triggers-'));
  return {
    root,
    /** Writes a file under the folder (creating its folders) and returns its absolute path. */
    write(path: string, content: string): string {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** What an invocation rejected with, as the caller gets it: a Cognito error's type and message. */
export async function failureOf(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(CognitoError);
  return { type: (error as CognitoError).type, message: error.message };
}
