// Audit: the findings with their counts, two charts, the workbook and the page to download.
import { api } from '../api.js';
import { downloads, el, field, fill, message, page, table } from '../dom.js';

const state = { inactiveDays: '90', days: '', busy: false, error: null, result: null };
const view = page(draw);
export const render = view.render;
const redraw = view.redraw;

/** Horizontal bars: a label, a bar as wide as its share, the count. */
function bars(caption, entries) {
  const most = Math.max(1, ...entries.map(([, count]) => count));
  return el('figure', { class: 'bars' }, el('figcaption', { text: caption }),
    el('ul', {}, entries.map(([label, count]) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = count > 0 ? `${Math.max(1, Math.round((count / most) * 100))}%` : '0';
      return el('li', {}, el('span', { class: 'bar-label', text: label }), el('span', { class: 'bar-track' }, bar), el('span', { class: 'bar-count', text: String(count) }));
    })));
}

function draw(root, { t }) {
  const inactive = el('input', { type: 'number', min: '0', value: state.inactiveDays, on: { input: (event) => { state.inactiveDays = event.target.value; } } });
  const days = el('input', { type: 'number', min: '1', max: '365', value: state.days, on: { input: (event) => { state.days = event.target.value; } } });
  const form = el('form', { class: 'card', on: { submit: (event) => { event.preventDefault(); audit(); } } },
    field(t.auditInactiveDays, inactive), field(t.auditDays, days),
    el('button', { type: 'submit', class: 'primary', text: t.auditButton, disabled: state.busy }));
  root.append(el('h2', { text: t.auditHeading }), el('p', { class: 'intro', text: t.auditIntro }), form);
  if (state.busy) root.append(el('p', { role: 'status', text: t.loading }));
  if (state.error) root.append(message('error', state.error));
  const result = state.result;
  if (!result) return;
  const section = el('section', { class: 'card' }, message('ok', `${t.done}. ${fill(t.auditPeople, { n: result.people })}`));
  section.append(downloads(t.downloads, `/download/audits/${encodeURIComponent(result.id)}`, result.files));
  if (result.securityLog?.note) section.append(message('warning', result.securityLog.note));
  section.append(bars(t.auditFindings, result.findings.map((finding) => [finding.title, finding.count])));
  for (const finding of result.findings) {
    const details = el('details', {}, el('summary', { text: `${finding.title}: ${finding.count}` }), el('p', { class: 'hint', text: finding.description }));
    if (finding.rows.length > 0) details.append(table(finding.columns, finding.rows));
    section.append(details);
  }
  section.append(el('div', { class: 'charts' },
    bars(t.auditHeadcount, result.headcount.slice(0, 12).map((entry) => [entry.department, entry.count])),
    bars(t.auditActivity, result.activity.map((entry) => [entry.label, entry.count]))));
  root.append(section);
}

async function audit() {
  Object.assign(state, { busy: true, error: null, result: null });
  redraw();
  const days = state.days.trim() === '' ? undefined : Number(state.days);
  const answer = await api('/api/audit', { method: 'POST', json: { inactiveDays: Number(state.inactiveDays || '90'), ...(days ? { days } : {}) } });
  state.busy = false;
  if (answer.ok) state.result = answer.data;
  else state.error = answer.data.error;
  redraw();
}
