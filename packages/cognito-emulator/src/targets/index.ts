import type { Target } from '../context.js';
import { ConfirmSignUp } from './ConfirmSignUp.js';
import { CreateUserPool } from './CreateUserPool.js';
import { CreateUserPoolClient } from './CreateUserPoolClient.js';
import { DescribeUserPool } from './DescribeUserPool.js';
import { GetUser } from './GetUser.js';
import { InitiateAuth } from './InitiateAuth.js';
import { SignUp } from './SignUp.js';

/** Every operation the emulator implements, by its `X-Amz-Target` name. */
export const TARGETS: Readonly<Record<string, Target>> = {
  ConfirmSignUp,
  CreateUserPool,
  CreateUserPoolClient,
  DescribeUserPool,
  GetUser,
  InitiateAuth,
  SignUp,
};

/** Operations that need SigV4-signed requests on AWS (admin and management). */
export const SIGNED_TARGETS: ReadonlySet<string> = new Set([
  'CreateUserPool',
  'CreateUserPoolClient',
  'DescribeUserPool',
]);
