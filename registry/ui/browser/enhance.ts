/**
 * The pages' only script, served as `/ui/assets/enhance.js` (a module, no inline script). Every
 * page reads fine without it; with it, the filter narrows a page as you type and copy buttons
 * appear. It reads only the page's own markup.
 */
export {};

function filterPage(input: HTMLInputElement): void {
  const items = Array.from(document.querySelectorAll<HTMLElement>('[data-item]'));
  const groups = Array.from(document.querySelectorAll<HTMLElement>('[data-group]'));
  const entries = Array.from(document.querySelectorAll<HTMLElement>('[data-entry]'));
  const status = document.getElementById('filter-status');
  const apply = () => {
    const query = input.value.trim().toLowerCase();
    let shown = 0;
    for (const item of items) {
      const match = query === '' || (item.dataset.item ?? '').includes(query);
      item.hidden = !match;
      if (match) shown++;
    }
    for (const entry of entries) entry.hidden = query !== '' && !(entry.dataset.entry ?? '').includes(query);
    for (const group of groups) group.hidden = group.querySelector('[data-item]:not([hidden])') === null;
    if (status) status.textContent = query === '' ? '' : `${shown} of ${items.length} shown`;
  };
  input.addEventListener('input', apply);
  input.form?.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
}

function enableCopy(button: HTMLButtonElement): void {
  const source = document.getElementById(button.dataset.copy ?? '');
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(source.textContent ?? '').then(
      () => {
        button.textContent = 'Copied';
      },
      () => {
        button.textContent = 'Copy failed';
      },
    );
  });
}

const filter = document.querySelector<HTMLInputElement>('input[data-filter]');
if (filter) filterPage(filter);
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-copy]')))
  enableCopy(button);
