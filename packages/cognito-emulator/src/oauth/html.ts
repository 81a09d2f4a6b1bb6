/**
 * The managed login's pages: plain server-rendered HTML, no script, no external asset; every value
 * from a request or a user is escaped. Each form posts to `/login` with the authorization request's
 * parameters, its CSRF token and the action it performs.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML content and in quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f3f3;margin:0}
main{max-width:22rem;margin:3rem auto;background:#fff;padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 3px #0003}
h1{font-size:1.3rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.45rem;box-sizing:border-box}
button{margin-top:1rem;width:100%;padding:.55rem;background:#ec7211;color:#fff;border:0;border-radius:3px;font-size:1rem}
.error{color:#d13212}.note{color:#16191f}nav{margin-top:1rem;font-size:.9rem}nav a{display:block;margin:.3rem 0}`;

/** A whole page. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** What every form of a page carries: where it posts, its CSRF token. */
export interface FormContext {
  /** The authorization request's parameters (already a query string). */
  query: string;
  csrf: string;
}

/** A message above a form: an error (AWS's message) or a note. */
export interface Notice {
  error?: string | undefined;
  note?: string | undefined;
}

const notice = ({ error, note }: Notice = {}): string =>
  (error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '') +
  (note ? `<p class="note">${escapeHtml(note)}</p>` : '');

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

const field = (label: string, name: string, type: string, extra = '') =>
  `<label for="${escapeHtml(name)}">${escapeHtml(label)}</label><input id="${escapeHtml(name)}" name="${escapeHtml(name)}" type="${type}" ${extra}>`;

function form(
  ctx: FormContext,
  action: string,
  fields: string,
  submit: string,
  carried: Record<string, string> = {},
) {
  const extra = Object.entries(carried)
    .map(([name, value]) => hidden(name, value))
    .join('');
  return `<form method="post" action="/login?${escapeHtml(ctx.query)}">${hidden('_csrf', ctx.csrf)}${hidden('action', action)}${extra}${fields}<button type="submit">${escapeHtml(submit)}</button></form>`;
}

const link = (ctx: FormContext, screen: string, text: string) =>
  `<a href="/login?${escapeHtml(ctx.query)}&amp;screen=${screen}">${escapeHtml(text)}</a>`;

export function signInPage(ctx: FormContext, message?: Notice): string {
  const fields =
    field('Username', 'username', 'text', 'autocomplete="username" required autofocus') +
    field('Password', 'password', 'password', 'autocomplete="current-password" required');
  const nav = `<nav>${link(ctx, 'forgot', 'Forgot your password?')}${link(ctx, 'signup', 'Need an account? Sign up')}</nav>`;
  return page('Sign in', notice(message) + form(ctx, 'signIn', fields, 'Sign in') + nav);
}

export function newPasswordPage(
  ctx: FormContext,
  step: string,
  attributes: string[],
  message?: Notice,
): string {
  const fields =
    field('New password', 'password', 'password', 'autocomplete="new-password" required autofocus') +
    attributes.map((name) => field(name, `userAttributes.${name}`, 'text', 'required')).join('');
  return page('Change password', notice(message) + form(ctx, 'newPassword', fields, 'Send', { step }));
}

const CODE_PROMPTS: Record<string, string> = {
  SOFTWARE_TOKEN_MFA: 'Enter the code from your authenticator app.',
  SMS_MFA: 'Enter the code we sent by text message',
  EMAIL_OTP: 'Enter the code we sent by email',
};

export function mfaPage(
  ctx: FormContext,
  step: string,
  challenge: string,
  destination: string | undefined,
  message?: Notice,
): string {
  const prompt = (CODE_PROMPTS[challenge] ?? 'Enter your code.') + (destination ? ` to ${destination}.` : '');
  const fields = `<p>${escapeHtml(prompt)}</p>${field('Code', 'code', 'text', 'inputmode="numeric" autocomplete="one-time-code" required autofocus')}`;
  return page('Multi-factor authentication', notice(message) + form(ctx, 'mfa', fields, 'Sign in', { step }));
}

export function selectMfaPage(ctx: FormContext, step: string, choices: readonly string[]): string {
  const options = choices
    .map(
      (choice, i) =>
        `<label><input type="radio" name="factor" value="${escapeHtml(choice)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(choice)}</label>`,
    )
    .join('');
  return page('Choose a second factor', form(ctx, 'selectMfa', options, 'Continue', { step }));
}

export function signUpPage(ctx: FormContext, message?: Notice): string {
  const fields =
    field('Email', 'email', 'email', 'autocomplete="email" required autofocus') +
    field('Password', 'password', 'password', 'autocomplete="new-password" required');
  const nav = `<nav>${link(ctx, 'signin', 'Already have an account? Sign in')}</nav>`;
  return page('Sign up', notice(message) + form(ctx, 'signUp', fields, 'Sign up') + nav);
}

export function confirmPage(ctx: FormContext, username: string, message?: Notice): string {
  const fields = field(
    'Verification code',
    'code',
    'text',
    'inputmode="numeric" autocomplete="one-time-code" required autofocus',
  );
  return page(
    'Confirm your account',
    notice(message) + form(ctx, 'confirm', fields, 'Confirm account', { username }),
  );
}

export function forgotPage(ctx: FormContext, message?: Notice): string {
  const fields = field('Username', 'username', 'text', 'autocomplete="username" required autofocus');
  return page('Forgot your password?', notice(message) + form(ctx, 'forgot', fields, 'Reset my password'));
}

export function resetPage(ctx: FormContext, username: string, message?: Notice): string {
  const fields =
    field('Code', 'code', 'text', 'inputmode="numeric" autocomplete="one-time-code" required autofocus') +
    field('New password', 'password', 'password', 'autocomplete="new-password" required');
  return page(
    'Reset your password',
    notice(message) + form(ctx, 'reset', fields, 'Change password', { username }),
  );
}

/** The page of an authorization request that cannot go back to its client (AWS's `/error` page). */
export function errorPage(error: string, message: string): string {
  return page(
    'An error was encountered with the requested page.',
    `<p class="error">${escapeHtml(error)}</p><p>${escapeHtml(message)}</p>`,
  );
}

/** The page after a sign-out without a `logout_uri`. */
export function signedOutPage(): string {
  return page('Signed out', '<p class="note">You have been signed out.</p>');
}
