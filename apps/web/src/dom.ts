/** A small element builder: no framework, no innerHTML with data (text is always set as text). */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

/** A section with a heading whose id the page's contents list links to. */
export function section(id: string, title: string, ...children: Array<Child | Child[]>): HTMLElement {
  return h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` }, [
    h('h2', { class: 'panel__title', id: `${id}-title` }, title),
    ...children.flat(),
  ]);
}

export function table(caption: string, head: string[], rows: Array<Array<Child | Child[]>>): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      h('caption', { class: 'table__caption' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    ),
  );
}

/** One row of a summary list (`dl.summary-list`): the key as a `dt`, the value as a `dd`. */
export function summaryRow(key: string, value: Node | string): HTMLElement {
  return h(
    'div',
    { class: 'summary-list__row' },
    h('dt', { class: 'summary-list__key' }, key),
    h('dd', { class: 'summary-list__value' }, value),
  );
}

export function tag(text: string, kind: string): HTMLElement {
  return h('strong', { class: `tag tag--${kind}` }, text);
}
