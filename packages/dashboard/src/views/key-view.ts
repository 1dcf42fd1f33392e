import { h, show } from '../dom';

/**
 * The key form. The key is checked against the gateway before it is kept, so a typo is reported here, next to the
 * field, instead of as four failed sections.
 */
export function renderKeyForm(container: HTMLElement, options: { message?: string; onKey: (key: string) => Promise<string | null> }): void {
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'key-help key-error',
    placeholder: 'fok_…',
  });
  const error = h('p', { id: 'key-error', class: 'field-error', role: 'alert' }, options.message ?? '');
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Open dashboard');
  const form = h(
    'form',
    { class: 'key-form', novalidate: true },
    h('p', {}, 'Paste an API key of your org. ', h('code', {}, 'npm start'), ' prints one at its first start, ', h('code', {}, 'npm run demo'), ' prints the demo org’s key.'),
    h('label', { for: 'api-key' }, 'API key'),
    h('div', { class: 'key-row' }, input, submit),
    h('p', { id: 'key-help', class: 'hint' }, 'Kept in this browser tab only (session storage, gone when the tab closes) and sent in the Authorization header — never in a URL.'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      error.textContent = 'Paste a key first.';
      input.focus();
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    void options.onKey(key).then((problem) => {
      submit.disabled = false;
      if (problem) {
        error.textContent = problem;
        input.select();
        input.focus();
      }
    });
  });
  show(container, form);
  input.focus();
}
