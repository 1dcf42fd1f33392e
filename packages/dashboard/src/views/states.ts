import { ApiError, NetworkError } from '../api/dashboard-api';
import { h, show } from '../dom';

export function showLoading(container: HTMLElement, what: string): void {
  container.setAttribute('aria-busy', 'true');
  show(container, h('p', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`));
}

export function doneLoading(container: HTMLElement): void {
  container.removeAttribute('aria-busy');
}

/** A failed request, said plainly, with what to do next and a retry button. */
export function showError(container: HTMLElement, what: string, error: unknown, retry: () => void): void {
  doneLoading(container);
  let message: string;
  if (error instanceof NetworkError) message = `The gateway did not answer while loading ${what}. Check that it is running (npm start), then try again.`;
  else if (error instanceof ApiError && error.status === 400) message = `The gateway refused the request for ${what}: ${error.detail ?? error.title}.`;
  else if (error instanceof ApiError && error.status === 403) message = `This key may not read ${what} (403). Use a key of the org you want to see.`;
  else if (error instanceof ApiError) message = `Loading ${what} failed: the gateway answered ${error.status} ${error.title}. Try again; if it persists, the gateway log has the request id.`;
  else message = `Loading ${what} failed (${error instanceof Error ? error.message : String(error)}). Try again.`;
  show(container, h('div', { class: 'state state-error', role: 'alert' }, h('p', {}, message), h('button', { type: 'button', class: 'button', onclick: retry }, 'Try again')));
}

/** The first trace, as the README's walk-through sends it; the key stays a shell variable, never the real key. */
export function firstTraceCurl(origin: string): string {
  return [
    `curl -X POST ${origin}/api/v1/traces/ingest \\`,
    '  -H "Authorization: Bearer $FINOPS_API_KEY" -H "Content-Type: application/json" \\',
    `  -d '{"agentId":"agt_01j","modelId":"claude-sonnet-4-6","tokensUsed":1840,`,
    `       "costCenter":"finance","project":"q2-reporting","team":"data-analytics"}'`,
  ].join('\n');
}

export function showNoSpend(container: HTMLElement, origin: string): void {
  doneLoading(container);
  show(
    container,
    h(
      'div',
      { class: 'state state-empty' },
      h('p', {}, h('strong', {}, 'No spend in this date range.'), ' Pick a wider range above, or send a first trace (it shows here at once):'),
      h('pre', { class: 'code', tabindex: 0, 'aria-label': 'Command to send a first trace' }, h('code', {}, firstTraceCurl(origin))),
      h('p', { class: 'hint' }, 'Want to look around first? ', h('code', {}, 'npm run demo'), ' loads 90 days of example spend into a demo org.'),
    ),
  );
}

/** The breakdown's empty state points up to the spend section, which has the first-trace command. */
export function showNothingToBreakDown(container: HTMLElement): void {
  doneLoading(container);
  show(container, h('p', { class: 'state state-empty' }, h('strong', {}, 'Nothing to break down yet.'), ' There is no spend in this date range; see “Spend over time” above for how to send a first trace.'));
}
