import type { EmulatorContext } from '../context.js';
import type {
  GroupConfiguration,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
  PreTokenGenerationV3TriggerEvent,
} from '../lambda/events.js';
import { invalidLambdaResponse } from '../lambda/lambda-errors.js';
import type { Claims, MachineTokenDraft, TokenCustomizer, TokenDraft } from './tokens.js';
import { eventAttributes } from './trigger-attributes.js';
import { runTrigger, triggerOf } from './triggers.js';

/**
 * The pre token generation trigger: `V1_0` changes the ID token's claims and both tokens' groups
 * (`claimsOverrideDetails`); `V2_0` and `V3_0` change both tokens' claims, the access token's
 * scopes and the groups (`claimsAndScopeOverrideDetails`).
 */

/**
 * Claims no function changes, added, overridden or suppressed (AWS's list of claims that cannot
 * be modified); a change of one is ignored, as the rest of the answer applies. `cognito:groups`
 * changes only through `groupOverrideDetails`.
 */
const FIXED_CLAIMS = new Set([
  'acr',
  'amr',
  'at_hash',
  'aud',
  'auth_time',
  'azp',
  'cognito:username',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
  'cognito:groups',
]);

/**
 * Claims of the access token the emulator keeps as well, since Cognito's own APIs and the
 * sessions read them: the client, the user name, the scopes (changed with `scopesToAdd` and
 * `scopesToSuppress` only), the event, the device.
 */
const FIXED_ACCESS_CLAIMS = new Set(['client_id', 'username', 'scope', 'version', 'event_id', 'device_key']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The customizer the emulator's context installs in its token service. */
export function preTokenGeneration(ctx: EmulatorContext): TokenCustomizer {
  return {
    user: async (draft) => {
      const fn = triggerOf(draft.pool, 'PreTokenGeneration');
      if (!fn) return { access: draft.access, id: draft.id };
      return fn.version === 'V1_0' ? versionOne(ctx, draft) : versionTwo(ctx, draft);
    },
    machine: async (draft) => {
      // Only V3_0 functions see machine-to-machine tokens, as on AWS.
      if (triggerOf(draft.pool, 'PreTokenGeneration')?.version !== 'V3_0') return draft.access;
      return versionThreeMachine(ctx, draft);
    },
  };
}

/**
 * `V3_0` for a client credentials grant (`TokenGeneration_ClientCredentials`): no user (the
 * event's user name is the client's id, its attributes and groups empty), the access token's scopes;
 * its answer changes the access token's claims and scopes (an ID token, groups: there are none).
 */
async function versionThreeMachine(ctx: EmulatorContext, draft: MachineTokenDraft): Promise<Claims> {
  const scopes = scopesOf(draft.access);
  const response: unknown = await runTrigger<PreTokenGenerationV3TriggerEvent>(ctx, draft.pool, {
    triggerSource: 'TokenGeneration_ClientCredentials',
    userName: draft.client.id,
    clientId: draft.client.id,
    request: {
      userAttributes: {},
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      scopes,
      ...(draft.clientMetadata ? { clientMetadata: draft.clientMetadata } : {}),
    },
    response: { claimsAndScopeOverrideDetails: null },
  });
  const details = isRecord(response) ? response.claimsAndScopeOverrideDetails : undefined;
  const access = { ...draft.access };
  const changes = isRecord(details) ? details.accessTokenGeneration : undefined;
  if (!isRecord(changes)) return access;
  changeClaims(access, changes, new Set([...FIXED_CLAIMS, ...FIXED_ACCESS_CLAIMS]), jsonClaim);
  changeScopes(access, scopes, changes);
  return access;
}

/** `V1_0`: the event of the ID token's claims; its answer changes the ID token and the groups. */
async function versionOne(ctx: EmulatorContext, draft: TokenDraft) {
  const response: unknown = await runTrigger<PreTokenGenerationTriggerEvent>(ctx, draft.pool, {
    triggerSource: draft.generation.source,
    userName: draft.user.username,
    clientId: draft.client.id,
    request: {
      userAttributes: eventAttributes(draft.user),
      groupConfiguration: groupConfiguration(ctx, draft),
      clientMetadata: draft.generation.clientMetadata,
    },
    response: { claimsOverrideDetails: {} },
  });
  const details = isRecord(response) ? response.claimsOverrideDetails : undefined;
  const access = { ...draft.access };
  const id = { ...draft.id };
  if (!isRecord(details)) return { access, id };
  changeClaims(id, details, FIXED_CLAIMS, stringClaim);
  if ('groupOverrideDetails' in details) overrideGroups(access, id, details.groupOverrideDetails);
  return { access, id };
}

/** `V2_0` / `V3_0`: the event of both tokens, with the access token's scopes. */
async function versionTwo(ctx: EmulatorContext, draft: TokenDraft) {
  const scopes = scopesOf(draft.access);
  const response: unknown = await runTrigger<PreTokenGenerationV2TriggerEvent>(ctx, draft.pool, {
    triggerSource: draft.generation.source,
    userName: draft.user.username,
    clientId: draft.client.id,
    request: {
      userAttributes: eventAttributes(draft.user),
      groupConfiguration: groupConfiguration(ctx, draft),
      scopes,
      clientMetadata: draft.generation.clientMetadata,
    },
    response: { claimsAndScopeOverrideDetails: null },
  });
  const details = isRecord(response) ? response.claimsAndScopeOverrideDetails : undefined;
  const access = { ...draft.access };
  const id = { ...draft.id };
  if (!isRecord(details)) return { access, id };
  const idChanges = details.idTokenGeneration;
  const accessChanges = details.accessTokenGeneration;
  if (isRecord(idChanges)) changeClaims(id, idChanges, FIXED_CLAIMS, jsonClaim);
  if (isRecord(accessChanges)) {
    changeClaims(access, accessChanges, new Set([...FIXED_CLAIMS, ...FIXED_ACCESS_CLAIMS]), jsonClaim);
    changeScopes(access, scopes, accessChanges);
  }
  if ('groupOverrideDetails' in details) overrideGroups(access, id, details.groupOverrideDetails);
  return { access, id };
}

/**
 * The groups Cognito would put in the tokens, as the request's `groupConfiguration`: the groups'
 * names, their IAM roles, and the role of the first group by precedence that has one.
 */
function groupConfiguration(ctx: EmulatorContext, draft: TokenDraft): GroupConfiguration {
  const groups = ctx.groups
    .groupsOf(draft.pool.id, draft.user.username)
    .filter((group) => draft.groups.includes(group.name));
  const roles = groups.flatMap((group) => (group.roleArn ? [group.roleArn] : []));
  return {
    groupsToOverride: [...draft.groups],
    iamRolesToOverride: roles,
    ...(roles[0] ? { preferredRole: roles[0] } : {}),
  };
}

/**
 * Adds or overrides, then suppresses (a claim both set and suppressed is suppressed, as AWS
 * documents) the claims a function named, but the fixed ones. A value of a type the version does
 * not allow is `InvalidLambdaResponseException`.
 */
function changeClaims(
  claims: Claims,
  changes: Record<string, unknown>,
  fixed: ReadonlySet<string>,
  valueOf: (value: unknown) => unknown,
): void {
  const added = changes.claimsToAddOrOverride;
  if (added !== undefined && added !== null) {
    if (!isRecord(added)) throw invalidLambdaResponse();
    for (const [name, value] of Object.entries(added)) {
      // `__proto__` would set the claims object's prototype, not a claim.
      if (!fixed.has(name) && name !== '__proto__') claims[name] = valueOf(value);
    }
  }
  for (const name of stringList(changes.claimsToSuppress)) {
    if (!fixed.has(name)) delete claims[name];
  }
}

/** `V1_0` claims are strings (AWS's map of strings; numbers and booleans read as their text). */
function stringClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidLambdaResponse();
}

/** `V2_0` / `V3_0` claims: a string, number, boolean, an array of them, or a JSON object. */
function jsonClaim(value: unknown): unknown {
  if (value === null || value === undefined) throw invalidLambdaResponse();
  return value;
}

/** A list of strings from a function's answer (none when absent), or its output is unreadable. */
function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidLambdaResponse();
  }
  return value;
}

const scopesOf = (access: Claims): string[] =>
  typeof access.scope === 'string' ? access.scope.split(' ').filter(Boolean) : [];

/** The access token's `scope`: the scopes to suppress removed, then those to add appended once. */
function changeScopes(access: Claims, scopes: string[], changes: Record<string, unknown>): void {
  const suppressed = new Set(stringList(changes.scopesToSuppress));
  const kept = scopes.filter((scope) => !suppressed.has(scope));
  for (const scope of stringList(changes.scopesToAdd)) if (!kept.includes(scope)) kept.push(scope);
  if (kept.length > 0) access.scope = kept.join(' ');
  else delete access.scope;
}

/**
 * `groupOverrideDetails` replaces the groups of both tokens (`cognito:groups`), and in the ID
 * token the roles (`cognito:roles`, `cognito:preferred_role`). Given empty or null, the groups
 * are suppressed, as AWS documents; absent, they stay.
 */
function overrideGroups(access: Claims, id: Claims, override: unknown): void {
  for (const claims of [access, id]) delete claims['cognito:groups'];
  delete id['cognito:roles'];
  delete id['cognito:preferred_role'];
  if (override === null || override === undefined) return;
  if (!isRecord(override)) throw invalidLambdaResponse();
  const groups = stringList(override.groupsToOverride);
  const roles = stringList(override.iamRolesToOverride);
  if (groups.length > 0) for (const claims of [access, id]) claims['cognito:groups'] = groups;
  if (roles.length > 0) id['cognito:roles'] = roles;
  if (typeof override.preferredRole === 'string') id['cognito:preferred_role'] = override.preferredRole;
}
