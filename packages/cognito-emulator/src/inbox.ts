import type { LambdaInvocation } from './lambda/invocations.js';
import { INVOCATIONS_SCRIPT, INVOCATIONS_STYLE, invocationsSection } from './lambda/invocations-page.js';

/**
 * The inbox page at `/_emulator/inbox`: every message the emulator "sent", newest first, the code
 * of each in large type. It polls the outbox's JSON listing for messages newer than the last one it
 * shows, so it stays current without reloading. Everything it shows is set as text, never as HTML:
 * user names and template text come from clients. Below the messages, the latest trigger
 * invocations (`invocations`, newest first), kept current the same way.
 */
export function inboxPage(nonce: string, invocations: readonly LambdaInvocation[] = []): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cognito-emulator inbox</title>
<style nonce="${nonce}">
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d232b; }
  header { background: #232f3e; color: #fff; padding: 12px 20px; display: flex; gap: 16px; align-items: center; }
  header h1 { font-size: 18px; margin: 0; flex: 1; }
  header input { padding: 6px 8px; border-radius: 4px; border: 0; min-width: 240px; }
  main { max-width: 860px; margin: 20px auto; padding: 0 16px; }
  .empty { color: #5f6b7a; text-align: center; padding: 40px; }
  article { background: #fff; border-radius: 8px; padding: 14px 18px; margin-bottom: 12px;
            box-shadow: 0 1px 3px rgba(0,0,0,.12); display: grid; grid-template-columns: 1fr auto; gap: 4px 16px; }
  [hidden] { display: none !important; }
  .meta { color: #5f6b7a; font-size: 13px; }
  .to { font-weight: 600; }
  .subject { grid-column: 1; }
  .body { grid-column: 1; white-space: pre-wrap; color: #3b4552; font-size: 13px; }
  .code { grid-row: 1 / span 4; grid-column: 2; align-self: center; font: 700 32px/1 ui-monospace, monospace;
          letter-spacing: 4px; color: #0b6bcb; user-select: all; }
  .kind { display: inline-block; background: #e6eef8; color: #234; border-radius: 3px; padding: 0 6px; font-size: 12px; }${INVOCATIONS_STYLE}
</style>
</head>
<body>
<header>
  <h1>cognito-emulator inbox</h1>
  <input id="filter" type="search" placeholder="Filter by recipient" aria-label="Filter by recipient">
</header>
<main>
  <p id="empty" class="empty">No messages yet. Sign up a user and its code appears here.</p>
  <section id="messages" aria-live="polite"></section>
  ${invocationsSection(invocations)}
</main>
<script nonce="${nonce}">
(() => {
  const list = document.getElementById('messages');
  const empty = document.getElementById('empty');
  const filter = document.getElementById('filter');
  let last = 0;
  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const render = (message) => {
    const article = element('article');
    article.dataset.id = String(message.id);
    article.dataset.to = message.to.toLowerCase();
    const meta = element('div', 'meta');
    meta.append(element('span', 'to', message.to), ' · ', element('span', 'kind', message.kind), ' · ',
      element('time', '', new Date(message.sentAt).toLocaleString()));
    article.append(meta);
    if (message.code) article.append(element('div', 'code', message.code));
    if (message.subject) article.append(element('div', 'subject', message.subject));
    article.append(element('div', 'body', message.body));
    return article;
  };
  const applyFilter = () => {
    const wanted = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const article of list.children) {
      const visible = !wanted || article.dataset.to.includes(wanted);
      article.hidden = !visible;
      if (visible) shown++;
    }
    empty.hidden = shown > 0;
  };
  const poll = async () => {
    try {
      const query = last ? 'after=' + last : 'latest=200';
      const response = await fetch('/_emulator/messages?' + query, { cache: 'no-store' });
      if (response.ok) {
        const messages = await response.json();
        for (const message of messages) {
          list.prepend(render(message));
          last = Math.max(last, message.id);
        }
        if (messages.length) applyFilter();
      }
    } catch {
      // The emulator restarted or is gone: try again at the next tick.
    }
    setTimeout(poll, 1000);
  };
  filter.addEventListener('input', applyFilter);
  poll();
})();
</script>
<script nonce="${nonce}">${INVOCATIONS_SCRIPT}
</script>
</body>
</html>
`;
}
