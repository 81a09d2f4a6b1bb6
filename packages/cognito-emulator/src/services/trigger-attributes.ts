import type { StringMap } from '../lambda/events.js';
import type { User } from './model.js';

/**
 * A stored user's attributes as trigger events carry them (`request.userAttributes`): every
 * attribute, `sub` included, and Cognito's own `cognito:user_status` (CONFIRMED, UNCONFIRMED,
 * FORCE_CHANGE_PASSWORD, RESET_REQUIRED), which functions read to tell a user's state.
 */
export function eventAttributes(user: User): StringMap {
  return { ...user.attributes, 'cognito:user_status': user.status };
}
