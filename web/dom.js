// Building the page: every value goes in as text (textContent, attributes), never as markup.

/**
 * el('button', { class: 'primary', on: { click } , attrs: { type: 'button' } }, 'Apply')
 * Children: nodes, strings (as text), or null/undefined/false (left out); arrays are flattened.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = String(value);
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (name === 'checked' || name === 'value' || name === 'disabled' || name === 'selected' || name === 'open') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

/**
 * A page drawn afresh from its state: `render` (what app.js calls) keeps the container and the
 * context ({ t, config, rerender }) and draws; `redraw` clears the container and draws again.
 */
export function page(draw) {
  const view = {
    root: null,
    ctx: null,
    render(container, context) {
      view.root = container;
      view.ctx = context;
      view.redraw();
    },
    redraw() {
      if (!view.root) return;
      clear(view.root);
      draw(view.root, view.ctx);
    },
  };
  return view;
}

/** `{name}` placeholders filled in. */
export function fill(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

let ids = 0;
/** A fresh id for label/control pairs. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled control: <div class="field"><label for=id>text</label>control</div>. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid('field');
  return el('div', { class: 'field' }, el('label', { for: control.id, text: labelText }), control, hint ? el('p', { class: 'hint', text: hint }) : null);
}

/** A checkbox with its label after it. */
export function checkbox(labelText, checked, onChange) {
  const input = el('input', { type: 'checkbox', id: uid('check'), checked, on: { change: (event) => onChange(event.target.checked) } });
  return el('div', { class: 'field check' }, input, el('label', { for: input.id, text: labelText }));
}

/** A table from header texts and rows of cells (strings or nodes). */
export function table(headers, rows, caption) {
  return el('div', { class: 'table-wrap' },
    el('table', {},
      caption ? el('caption', { text: caption }) : null,
      el('thead', {}, el('tr', {}, headers.map((header) => el('th', { scope: 'col', text: header })))),
      el('tbody', {}, rows.map((row) => el('tr', row.className ? { class: row.className } : {}, (row.cells ?? row).map((cell) => el('td', {}, cell)))))));
}

/** Download links, each named by its file name. */
export function downloads(heading, base, files) {
  if (!files || files.length === 0) return null;
  return el('section', { class: 'downloads', 'aria-label': heading },
    el('h3', { text: heading }),
    el('ul', {}, files.map((file) => el('li', {}, el('a', { href: `${base}/${encodeURIComponent(file)}`, download: file, text: file })))));
}

export function message(kind, text) {
  return el('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status', text });
}
