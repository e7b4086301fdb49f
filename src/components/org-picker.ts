// The org picker of the page header: a search over the switcher <select>'s options (name, code,
// pinyin initials, all rendered server-side as data attributes); matches are shown with their
// ancestors so the tree stays readable. Choosing one submits the switcher. Without JavaScript the
// plain <select> stays.
interface PickerOrg { code: string; name: string; py: string; depth: number; parent: string | undefined; hit?: boolean }

export function mountOrgPickers(): void {
  for (const box of document.querySelectorAll<HTMLElement>('[data-org-picker]')) mount(box);
}

function mount(box: HTMLElement): void {
  const form = box.closest('form');
  const select = form?.querySelector<HTMLSelectElement>('select[name=org]');
  const input = box.querySelector('input');
  const list = box.querySelector('ul');
  if (!form || !select || !input || !list) return;
  const orgs: PickerOrg[] = [...select.options].map((o) => ({
    code: o.value, name: o.dataset.name ?? o.text, py: o.dataset.py ?? '', depth: Number(o.dataset.depth ?? 0), parent: o.dataset.parent,
  }));
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  box.hidden = false;
  select.closest('[data-org-select]')?.classList.add('js-hidden');
  let shown: PickerOrg[] = [];
  let active = -1;

  const match = (o: PickerOrg, typed: string) => {
    const t = typed.trim().toLowerCase();
    return !t || o.name.includes(typed.trim()) || o.code.toLowerCase().includes(t) || o.py.includes(t);
  };
  const compute = () => {
    const typed = input.value === input.dataset.current ? '' : input.value;
    const keep = new Set<string>();
    for (const o of orgs) {
      if (!match(o, typed)) continue;
      for (let a: PickerOrg | undefined = o; a && !keep.has(a.code); a = a.parent ? byCode.get(a.parent) : undefined) keep.add(a.code);
    }
    shown = orgs.filter((o) => keep.has(o.code)).map((o) => ({ ...o, hit: match(o, typed) }));
    active = typed ? shown.findIndex((o) => o.hit) : shown.findIndex((o) => o.name === input.dataset.current);
  };
  const paint = () => {
    list.replaceChildren(...shown.map((o, i) => {
      const li = document.createElement('li');
      li.id = `org-opt-${i}`;
      li.setAttribute('role', 'option');
      li.dataset.code = o.code;
      li.style.paddingLeft = `${8 + o.depth * 14}px`;
      li.className = o.hit ? 'hit' : 'context';
      li.textContent = o.name;
      const code = document.createElement('small');
      code.textContent = ` ${o.code}`;
      li.append(code);
      li.setAttribute('aria-selected', String(i === active));
      return li;
    }));
    if (!shown.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = list.dataset.none ?? '';
      list.append(li);
    }
    if (active >= 0) input.setAttribute('aria-activedescendant', `org-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
    list.querySelector('[aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  };
  const render = () => { compute(); paint(); };
  const open = (on: boolean) => { list.hidden = !on; input.setAttribute('aria-expanded', String(on)); if (on) render(); };
  const choose = (code: string) => { select.value = code; open(false); form.requestSubmit(); };

  input.addEventListener('focus', () => { input.select(); open(true); });
  input.addEventListener('input', render);
  input.addEventListener('blur', () => setTimeout(() => { open(false); input.value = input.dataset.current ?? ''; }, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = Math.max(0, Math.min(shown.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      paint();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = shown[active] ?? shown.find((o) => o.hit);
      if (pick) choose(pick.code);
    } else if (e.key === 'Escape') open(false);
  });
  list.addEventListener('mousedown', (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-code]');
    if (li?.dataset.code) { e.preventDefault(); choose(li.dataset.code); }
  });
}
