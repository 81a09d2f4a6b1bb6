import type { EmulatorContext } from '../context.js';
import { atomically, rehearse } from '../store/database.js';
import type { CodePurpose } from '../store/codes.js';
import type { Pool, User } from './model.js';
import type { MessageKind } from '../store/outbox.js';
import { maskDestination, renderTemplate } from '../store/outbox.js';
import { verificationMessage } from './pool-config.js';
import {
  customMessage,
  customSenderOf,
  handToSender,
  type Medium,
  type MessageCall,
} from './trigger-messages.js';

export type { MessageCall, MessageSituation } from './trigger-messages.js';

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: string;
}

/** One message to one address, as its template writes it (placeholders `{####}`, `{username}`). */
export interface Draft {
  to: string;
  medium: Medium;
  subject: string | null;
  body: string;
}

/** A draft as it goes out: the template's text, the custom message trigger's, or a custom sender's. */
interface Outgoing extends Draft {
  sender?: 'CustomEmailSender' | 'CustomSMSSender';
}

/** What a code message is: the code's purpose, the outbox kind, the call it answers. */
export interface CodeMessage extends MessageCall {
  purpose: CodePurpose;
  kind: MessageKind;
  /** The attribute whose address gets the code; by default the email, else the phone number. */
  attribute?: 'email' | 'phone_number';
}

/**
 * Writes that must happen with a message or not at all (a new user and its confirmation code):
 * run in the transaction that records the message, after every trigger that writes it has run.
 */
export type Alongside = () => void;

/**
 * Issues a code and "sends" it to the user's email (or phone) through the outbox, written from
 * the pool's verification template, or by the pool's custom message trigger, or handed to its
 * custom sender (see `sendMessages`). `alongside` is saved in the same transaction, whether or not
 * a message goes out: a failing trigger leaves neither behind. Returns where the code went, masked,
 * as Cognito reports it; undefined when the user has nowhere to receive it.
 */
export async function deliverCode(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  message: CodeMessage,
  alongside?: Alongside,
): Promise<CodeDeliveryDetails | undefined> {
  const draft = codeDraft(pool, user, message);
  if (!draft) {
    alongside?.();
    return undefined;
  }
  const outgoing = await finalDrafts(ctx, pool, user, [draft], message);
  const code = writeCode(ctx, pool, user, message, outgoing, alongside);
  await handOver(ctx, pool, user, outgoing, code, message);
  return deliveryDetails(draft);
}

/**
 * The same statements as a delivery from the template, undone: what the unknown-user path of
 * ForgotPassword runs so that it costs what a real delivery costs (no trigger: there is no user).
 */
export function rehearseDelivery(ctx: EmulatorContext, pool: Pool, user: User, message: CodeMessage): void {
  const draft = codeDraft(pool, user, message);
  // The same statements as `writeCode`'s transaction, ended by a rollback instead of a commit.
  if (draft) rehearse(ctx.db, () => issueAndRecord(ctx, pool, user, message, [draft]));
}

/**
 * Sends messages whose code the caller chose (an invitation's temporary password, a sign-in code):
 * the custom message trigger (one invocation for every medium) may rewrite them, a medium's custom
 * sender delivers them instead; the outbox records each message with its code either way, in one
 * transaction with `alongside`.
 */
export async function sendMessages(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  kind: MessageKind,
  drafts: Draft[],
  values: { code: string; username: string },
  call: MessageCall,
  alongside?: Alongside,
): Promise<void> {
  const outgoing = drafts.length > 0 ? await finalDrafts(ctx, pool, user, drafts, call) : [];
  atomically(ctx.db, () => {
    alongside?.();
    record(ctx, pool, kind, outgoing, values);
  });
  await handOver(ctx, pool, user, outgoing, values.code, call);
}

/** Where a reset code may go: the user's verified email, else its verified phone number. */
export function verifiedChannel(user: User): 'email' | 'phone_number' | undefined {
  if (user.attributes.email && user.attributes.email_verified === 'true') return 'email';
  if (user.attributes.phone_number && user.attributes.phone_number_verified === 'true') return 'phone_number';
  return undefined;
}

/** The template's message of a code, to the address it goes to; undefined when there is none. */
function codeDraft(pool: Pool, user: User, message: CodeMessage): Draft | undefined {
  const target =
    message.attribute ??
    (user.attributes.email ? 'email' : user.attributes.phone_number ? 'phone_number' : undefined);
  // A code that verifies a new value goes to that value, not to the one it replaces.
  const to = target
    ? ((message.purpose === 'VERIFY_ATTRIBUTE' ? user.pending?.[target] : undefined) ??
      user.attributes[target])
    : undefined;
  if (!target || !to) return undefined;
  if (target === 'email') {
    const { subject, message: body } = verificationMessage(pool);
    return { to, medium: 'EMAIL', subject, body };
  }
  const sms = pool.config.VerificationMessageTemplate.SMSMessage ?? 'Your verification code is {####}. ';
  return { to, medium: 'SMS', subject: null, body: sms };
}

function deliveryDetails(draft: Draft): CodeDeliveryDetails {
  return {
    Destination: maskDestination(draft.to),
    DeliveryMedium: draft.medium,
    AttributeName: draft.medium === 'EMAIL' ? 'email' : 'phone_number',
  };
}

/**
 * The drafts as they will go out. A medium with a custom sender is the sender's to write; for the
 * others, the custom message trigger (invoked only when some message is left to write) may give
 * the text.
 */
async function finalDrafts(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  drafts: Draft[],
  call: MessageCall,
): Promise<Outgoing[]> {
  const senders = drafts.map((draft) => customSenderOf(pool, draft.medium));
  const custom = senders.some((sender) => !sender) ? await customMessage(ctx, pool, user, call) : undefined;
  return drafts.map((draft, i): Outgoing => {
    const sender = senders[i];
    if (sender)
      return { ...draft, subject: null, body: `(delivered by the pool's ${sender} function)`, sender };
    if (draft.medium === 'SMS') return { ...draft, body: custom?.sms ?? draft.body };
    return {
      ...draft,
      subject: custom?.email?.subject ?? draft.subject,
      body: custom?.email?.body ?? draft.body,
    };
  });
}

/** The code and its messages are one unit: a code nobody was told of is never left behind. */
function writeCode(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  message: CodeMessage,
  outgoing: Outgoing[],
  alongside?: Alongside,
): string {
  return atomically(ctx.db, () => {
    alongside?.();
    return issueAndRecord(ctx, pool, user, message, outgoing);
  });
}

/** The writes of a code message, in the caller's transaction. */
function issueAndRecord(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  message: CodeMessage,
  outgoing: Outgoing[],
): string {
  const attribute = outgoing[0]?.medium === 'SMS' ? 'phone_number' : 'email';
  const code = ctx.codes.issue(pool.id, user.username, message.purpose, attribute);
  record(ctx, pool, message.kind, outgoing, { code, username: user.username });
  return code;
}

/** Writes messages to the outbox, placeholders filled; a custom sender's keeps its code apart. */
function record(
  ctx: EmulatorContext,
  pool: Pool,
  kind: MessageKind,
  outgoing: Outgoing[],
  values: { code: string; username: string },
): void {
  for (const message of outgoing) {
    ctx.outbox.send({
      poolId: pool.id,
      to: message.to,
      kind,
      subject: message.subject,
      body: message.sender ? message.body : renderTemplate(message.body, values),
      code: values.code,
    });
  }
}

async function handOver(
  ctx: EmulatorContext,
  pool: Pool,
  user: User,
  outgoing: Outgoing[],
  code: string,
  call: MessageCall,
): Promise<void> {
  for (const message of outgoing) {
    if (message.sender) await handToSender(ctx, pool, user, message.medium, code, call);
  }
}
