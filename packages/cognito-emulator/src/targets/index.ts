import type { Target } from '../context.js';
import { ChangePassword } from './ChangePassword.js';
import { ConfirmForgotPassword } from './ConfirmForgotPassword.js';
import { ConfirmSignUp } from './ConfirmSignUp.js';
import { CreateUserPool } from './CreateUserPool.js';
import { CreateUserPoolClient } from './CreateUserPoolClient.js';
import { DeleteUser } from './DeleteUser.js';
import { DescribeUserPool } from './DescribeUserPool.js';
import { ForgotPassword } from './ForgotPassword.js';
import { GetUser } from './GetUser.js';
import { GlobalSignOut } from './GlobalSignOut.js';
import { InitiateAuth } from './InitiateAuth.js';
import { ResendConfirmationCode } from './ResendConfirmationCode.js';
import { RevokeToken } from './RevokeToken.js';
import { SignUp } from './SignUp.js';

/** Every operation the emulator implements, by its `X-Amz-Target` name. */
export const TARGETS: Readonly<Record<string, Target>> = {
  ChangePassword,
  ConfirmForgotPassword,
  ConfirmSignUp,
  CreateUserPool,
  CreateUserPoolClient,
  DeleteUser,
  DescribeUserPool,
  ForgotPassword,
  GetUser,
  GlobalSignOut,
  InitiateAuth,
  ResendConfirmationCode,
  RevokeToken,
  SignUp,
};

/** Operations that need SigV4-signed requests on AWS (admin and management). */
export const SIGNED_TARGETS: ReadonlySet<string> = new Set([
  'CreateUserPool',
  'CreateUserPoolClient',
  'DescribeUserPool',
]);
