// Export: the directory (or part of it) as a workbook or CSV files, to download.
import { api } from '../api.js';
import { checkbox, downloads, el, field, fill, message, page, uid } from '../dom.js';

const state = { tag: '', department: '', query: '', includeBots: false, format: 'xlsx', busy: false, error: null, result: null };
const view = page(draw);
export const render = view.render;
const redraw = view.redraw;

function text(name) {
  return el('input', { type: 'text', value: state[name], on: { input: (event) => { state[name] = event.target.value; } } });
}

function draw(root, { t }) {
  const formatName = uid('format');
  const radio = (value) => {
    const input = el('input', { type: 'radio', name: formatName, id: uid('radio'), value, checked: state.format === value, on: { change: () => { state.format = value; } } });
    return el('div', { class: 'field check' }, input, el('label', { for: input.id, text: value.toUpperCase() }));
  };
  const form = el('form', { class: 'card', on: { submit: (event) => { event.preventDefault(); exportNow(); } } },
    field(t.exportTag, text('tag')),
    field(t.exportDepartment, text('department')),
    field(t.exportQuery, text('query')),
    checkbox(t.exportIncludeBots, state.includeBots, (value) => { state.includeBots = value; }),
    el('fieldset', {}, el('legend', { text: t.exportFormat }), radio('xlsx'), radio('csv')),
    el('button', { type: 'submit', class: 'primary', text: t.exportButton, disabled: state.busy }));
  root.append(el('h2', { text: t.exportHeading }), el('p', { class: 'intro', text: t.exportIntro }), form);
  if (state.busy) root.append(el('p', { role: 'status', text: t.loading }));
  if (state.error) root.append(message('error', state.error));
  if (state.result) {
    root.append(el('section', { class: 'card' },
      message('ok', `${t.done}. ${fill(t.exportCounts, { users: state.result.counts.users, tags: state.result.counts.tags })}`),
      downloads(t.downloads, `/download/exports/${encodeURIComponent(state.result.id)}`, state.result.files)));
  }
}

async function exportNow() {
  Object.assign(state, { busy: true, error: null, result: null });
  redraw();
  const answer = await api('/api/export', { method: 'POST', json: { format: state.format, tag: state.tag, department: state.department, query: state.query, includeBots: state.includeBots } });
  state.busy = false;
  if (answer.ok) state.result = answer.data;
  else state.error = answer.data.error;
  redraw();
}
