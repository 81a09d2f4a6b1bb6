import type { LambdaInvocation } from './invocations.js';

/**
 * The inbox page's "Lambda invocations" section: each trigger invocation, newest first, with the
 * event the function received and what it answered (or the error the caller got). The page is
 * served with the latest invocations in it (escaped: events hold what clients sent), then polls
 * `/_emulator/lambda-invocations` for newer ones, which it adds as text, never as HTML.
 */

/** How many invocations the page is served with. */
export const INBOX_INVOCATIONS = 50;

export const INVOCATIONS_STYLE = `
  #invocations h2 { font-size: 16px; margin: 28px 0 10px; }
  details.invocation { background: #fff; border-radius: 8px; padding: 10px 14px; margin-bottom: 8px;
                       box-shadow: 0 1px 3px rgba(0,0,0,.12); font-size: 13px; }
  details.invocation summary { cursor: pointer; }
  details.invocation .trigger { font-weight: 600; }
  details.invocation .failed { color: #b3261e; font-weight: 600; }
  details.invocation pre { background: #f4f5f7; padding: 8px; overflow-x: auto; white-space: pre-wrap; }`;

/** The section, served with the given invocations (newest first). */
export function invocationsSection(invocations: readonly LambdaInvocation[]): string {
  return `<section id="invocations" aria-live="polite">
  <h2>Lambda invocations</h2>
  <p id="invocations-empty" class="empty"${invocations.length ? ' hidden' : ''}>No trigger has run yet.</p>
  <div id="invocation-list">${invocations.map(invocationHtml).join('')}</div>
</section>`;
}

/** One invocation as served; the script below builds the same markup for newer ones. */
function invocationHtml(invocation: LambdaInvocation): string {
  const outcome = invocation.error
    ? `<span class="failed">${escapeHtml(invocation.error.type)}</span>`
    : '<span class="ok">ok</span>';
  const via = invocation.route ? ` (${invocation.route})` : '';
  return `
<details class="invocation" data-id="${invocation.id}"><summary><span class="trigger">${escapeHtml(invocation.trigger)}</span> · <span class="source">${escapeHtml(invocation.triggerSource)}</span> · <span class="function">${escapeHtml(invocation.functionName + via)}</span> · ${outcome} · <span>${invocation.durationMs} ms</span> · <time>${new Date(invocation.at).toISOString()}</time></summary><pre class="event">${escapeHtml(json(invocation.event))}</pre><pre class="result">${escapeHtml(invocation.error ? invocation.error.message : json(invocation.response))}</pre></details>`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

/** The page's script for the section: polls for invocations newer than those shown. */
export const INVOCATIONS_SCRIPT = `
(() => {
  const list = document.getElementById('invocation-list');
  const empty = document.getElementById('invocations-empty');
  const shown = [...list.children].map((node) => Number(node.dataset.id));
  let last = shown.length ? Math.max(...shown) : 0;
  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };
  const json = (value) => JSON.stringify(value, null, 2) ?? 'null';
  const render = (call) => {
    const details = element('details', 'invocation');
    details.dataset.id = String(call.id);
    const summary = element('summary');
    summary.append(element('span', 'trigger', call.trigger), ' · ', element('span', 'source', call.triggerSource),
      ' · ', element('span', 'function', call.functionName + (call.route ? ' (' + call.route + ')' : '')), ' · ',
      call.error ? element('span', 'failed', call.error.type) : element('span', 'ok', 'ok'), ' · ',
      element('span', '', call.durationMs + ' ms'), ' · ', element('time', '', new Date(call.at).toISOString()));
    details.append(summary, element('pre', 'event', json(call.event)),
      element('pre', 'result', call.error ? call.error.message : json(call.response)));
    return details;
  };
  const poll = async () => {
    try {
      const response = await fetch('/_emulator/lambda-invocations?after=' + last, { cache: 'no-store' });
      if (response.ok) {
        const calls = await response.json();
        for (const call of calls.reverse()) {
          list.prepend(render(call));
          last = Math.max(last, call.id);
        }
        if (calls.length) empty.hidden = true;
      }
    } catch {
      // The emulator restarted or is gone: try again at the next tick.
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();`;
