import type { Target } from '../context.js';
import { AdminConfirmSignUp } from './AdminConfirmSignUp.js';
import { AdminCreateUser } from './AdminCreateUser.js';
import { AdminInitiateAuth } from './AdminInitiateAuth.js';
import { AdminRespondToAuthChallenge } from './AdminRespondToAuthChallenge.js';
import { ChangePassword } from './ChangePassword.js';
import { ConfirmForgotPassword } from './ConfirmForgotPassword.js';
import { ConfirmSignUp } from './ConfirmSignUp.js';
import { CreateUserPool } from './CreateUserPool.js';
import { CreateUserPoolClient } from './CreateUserPoolClient.js';
import { DeleteUser } from './DeleteUser.js';
import { DeleteUserPool } from './DeleteUserPool.js';
import { DeleteUserPoolClient } from './DeleteUserPoolClient.js';
import { DescribeUserPool } from './DescribeUserPool.js';
import { DescribeUserPoolClient } from './DescribeUserPoolClient.js';
import { ForgotPassword } from './ForgotPassword.js';
import { GetUser } from './GetUser.js';
import { GetUserAttributeVerificationCode } from './GetUserAttributeVerificationCode.js';
import { GlobalSignOut } from './GlobalSignOut.js';
import { InitiateAuth } from './InitiateAuth.js';
import { ListUserPoolClients } from './ListUserPoolClients.js';
import { ListUserPools } from './ListUserPools.js';
import { ResendConfirmationCode } from './ResendConfirmationCode.js';
import { RespondToAuthChallenge } from './RespondToAuthChallenge.js';
import { RevokeToken } from './RevokeToken.js';
import { SignUp } from './SignUp.js';
import { UpdateUserAttributes } from './UpdateUserAttributes.js';
import { UpdateUserPool } from './UpdateUserPool.js';
import { UpdateUserPoolClient } from './UpdateUserPoolClient.js';
import { VerifyUserAttribute } from './VerifyUserAttribute.js';

/** Every operation the emulator implements, by its `X-Amz-Target` name. */
export const TARGETS: Readonly<Record<string, Target>> = {
  AdminConfirmSignUp,
  AdminCreateUser,
  AdminInitiateAuth,
  AdminRespondToAuthChallenge,
  ChangePassword,
  ConfirmForgotPassword,
  ConfirmSignUp,
  CreateUserPool,
  CreateUserPoolClient,
  DeleteUser,
  DeleteUserPool,
  DeleteUserPoolClient,
  DescribeUserPool,
  DescribeUserPoolClient,
  ForgotPassword,
  GetUser,
  GetUserAttributeVerificationCode,
  GlobalSignOut,
  InitiateAuth,
  ListUserPoolClients,
  ListUserPools,
  ResendConfirmationCode,
  RespondToAuthChallenge,
  RevokeToken,
  SignUp,
  UpdateUserAttributes,
  UpdateUserPool,
  UpdateUserPoolClient,
  VerifyUserAttribute,
};

/** Operations that need SigV4-signed requests on AWS (admin and management). */
export const SIGNED_TARGETS: ReadonlySet<string> = new Set([
  'AdminConfirmSignUp',
  'AdminCreateUser',
  'AdminInitiateAuth',
  'AdminRespondToAuthChallenge',
  'CreateUserPool',
  'CreateUserPoolClient',
  'DeleteUserPool',
  'DeleteUserPoolClient',
  'DescribeUserPool',
  'DescribeUserPoolClient',
  'ListUserPoolClients',
  'ListUserPools',
  'UpdateUserPool',
  'UpdateUserPoolClient',
]);
