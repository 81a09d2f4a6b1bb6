import type { EmulatorContext } from '../context.js';
import { atomically } from '../store/database.js';
import type { CodePurpose } from '../store/codes.js';
import type { Pool, User } from './model.js';
import type { MessageKind } from '../store/outbox.js';
import { maskDestination, renderTemplate } from '../store/outbox.js';
import { verificationMessage } from './pool-config.js';

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

/**
 * Issues a code and "sends" it to the user's email (or phone) through the outbox, rendered with the
 * pool's verification template. Returns where it went, masked, as Cognito reports it; undefined when
 * the user has nowhere to receive it.
 */
export function deliverCode(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  purpose: CodePurpose,
  kind: MessageKind,
  attribute?: 'email' | 'phone_number',
): CodeDeliveryDetails | undefined {
  const target =
    attribute ??
    (user.attributes.email ? 'email' : user.attributes.phone_number ? 'phone_number' : undefined);
  // A code that verifies a new value goes to that value, not to the one it replaces.
  const destination = target
    ? ((purpose === 'VERIFY_ATTRIBUTE' ? user.pending?.[target] : undefined) ?? user.attributes[target])
    : undefined;
  if (!target || !destination) return undefined;
  const { subject, message } = verificationMessage(pool);
  const sms = pool.config.VerificationMessageTemplate.SMSMessage ?? 'Your verification code is {####}. ';
  // The code and its message are one unit: a code nobody was told of is never left behind.
  atomically(ctx.db, () => {
    const code = ctx.codes.issue(pool.id, user.username, purpose, target);
    ctx.outbox.send({
      poolId: pool.id,
      to: destination,
      kind,
      subject: target === 'email' ? subject : null,
      body: renderTemplate(target === 'email' ? message : sms, { code, username: user.username }),
      code,
    });
  });
  return {
    Destination: maskDestination(destination),
    DeliveryMedium: target === 'email' ? 'EMAIL' : 'SMS',
    AttributeName: target,
  };
}

/** Where a reset code may go: the user's verified email, else its verified phone number. */
export function verifiedChannel(user: User): 'email' | 'phone_number' | undefined {
  if (user.attributes.email && user.attributes.email_verified === 'true') return 'email';
  if (user.attributes.phone_number && user.attributes.phone_number_verified === 'true') return 'phone_number';
  return undefined;
}
