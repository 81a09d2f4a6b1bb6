import { CognitoAdminService, CognitoException } from 'nest-cognito';

/**
 * Makes sure the first administrator exists: the admin group, and a confirmed user with the given
 * email and password in it. An existing user keeps its password (it may have changed it since);
 * only its membership is ensured. Safe to run at every start.
 */
export async function ensureFirstAdmin(
  admin: CognitoAdminService,
  account: { email: string; password: string },
  group: string,
): Promise<'created' | 'existing'> {
  await admin
    .createGroup({ name: group, description: 'May use the /admin API' })
    .catch(ignore('GROUP_EXISTS'));
  let outcome: 'created' | 'existing' = 'existing';
  const found = await admin.getUser(account.email).catch(ignore('USER_NOT_FOUND'));
  if (!found) {
    await admin.createUser({ email: account.email, sendInvitation: false });
    await admin.setPassword(account.email, account.password, true);
    outcome = 'created';
  }
  await admin.addToGroups(account.email, [group]);
  return outcome;
}

function ignore(code: string) {
  return (error: unknown): undefined => {
    if (error instanceof CognitoException && error.code === code) return undefined;
    throw error;
  };
}
