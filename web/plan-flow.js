// A saved plan on the page: its actions by kind (filterable), its warnings, the Apply button and
// the confirmation repeating the counts. And the whole flow for a plan made without a sheet
// (undoing a run, one person's change): the plan, Apply, the progress and the report, exactly as
// the Import page applies its plan (the saved plan, through the same apply).
import { api } from './api.js';
import { downloads, el, field, fill, message, table } from './dom.js';
import { follow, progressView } from './progress.js';

/** A change as "Отдел: before → after": the server names the field by its column header in the page's language. */
function changeText(change) {
  const show = (value) => (value === null || value === '' ? '∅' : value);
  const name = change.label ?? change.field;
  if (change.before === null || change.before === '') return `${name}: ${show(change.after)}`;
  return `${name}: ${show(change.before)} → ${show(change.after)}`;
}

export function countsText(t, counts) {
  return Object.entries(counts).map(([kind, n]) => `${t.kinds[kind] ?? kind}: ${n}`).join(', ');
}

/** Groups open unless long or uneventful; the filter shows one group, open. */
const QUIET_KINDS = ['unchanged', 'skip'];

/**
 * answer: { run, apiUrl, plan, files } as the server gives a plan.
 * options: { heading, headingId, intro, filter, onFilter(kind), canApply, busy, onApply() }.
 */
export function planSection(t, answer, options) {
  const { plan } = answer;
  const section = el('section', { class: 'card plan', 'aria-labelledby': options.headingId }, el('h3', { id: options.headingId, tabindex: '-1', text: options.heading }));
  if (options.intro) section.append(el('p', { class: 'intro', text: options.intro }));
  section.append(el('p', { class: 'counts', text: countsText(t, plan.counts) }));
  for (const warning of plan.warnings) section.append(message('warning', warning));
  if (plan.work === 0) section.append(message('ok', t.planNothing));
  else if (options.canApply) section.append(el('button', { type: 'button', class: 'primary apply', text: fill(t.applyButton, { n: plan.work }), disabled: options.busy, on: { click: () => options.onApply() } }));
  section.append(downloads(t.downloads, `/download/runs/${encodeURIComponent(answer.run)}`, answer.files));
  const filter = el('select', { on: { change: (event) => options.onFilter(event.target.value) } },
    el('option', { value: '', text: t.planFilterAll, selected: options.filter === '' }),
    plan.groups.map((group) => el('option', { value: group.kind, text: `${t.kinds[group.kind] ?? group.kind} (${group.count})`, selected: options.filter === group.kind })));
  section.append(field(t.planFilterLabel, filter));
  for (const group of plan.groups) {
    if (options.filter && options.filter !== group.kind) continue;
    const open = options.filter === group.kind || (!QUIET_KINDS.includes(group.kind) && group.count <= 50);
    const details = el('details', { open }, el('summary', {}, el('h4', { text: `${t.kinds[group.kind] ?? group.kind} (${group.count})` })));
    details.append(table([t.planColumnRow, t.planColumnPerson, t.planColumnChanges, t.planColumnNote], group.items.map((item) => ({
      className: group.kind === 'invalid' ? 'invalid' : '',
      cells: [item.row === undefined ? '' : String(item.row), item.person, el('ul', { class: 'changes' }, item.changes.map((change) => el('li', { text: changeText(change) }))), item.message ?? ''],
    }))));
    if (group.count > group.items.length) details.append(el('p', { text: fill(t.planMore, { n: group.count - group.items.length }) }));
    section.append(details);
  }
  return section;
}

/** The modal confirmation naming how many changes go to which address; onYes applies. */
export function confirmApply(t, answer, onYes) {
  const { plan, apiUrl } = answer;
  const actionable = Object.fromEntries(Object.entries(plan.counts).filter(([kind]) => !['unchanged', 'skip', 'invalid'].includes(kind)));
  const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-heading' },
    el('h3', { id: 'confirm-heading', text: t.applyConfirmHeading }),
    el('p', { text: fill(t.applyConfirmText, { n: plan.work, url: apiUrl, counts: countsText(t, actionable) }) }));
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.append(el('div', { class: 'buttons' },
    el('button', { type: 'button', class: 'primary', text: t.applyConfirmYes, on: { click: () => { close(); onYes(); } } }),
    el('button', { type: 'button', text: t.cancel, on: { click: close } })));
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

/** A flow's state: kept by the page across re-renders. */
export function newFlow() {
  return { request: null, answer: null, filter: '', busy: false, error: null, stale: null, apply: null };
}

/** Asks the server for the plan (POST path with body); onChange redraws. */
export async function makeFlowPlan(flow, path, body, onChange) {
  Object.assign(flow, { request: { path, body }, answer: null, filter: '', busy: true, error: null, stale: null, apply: null });
  onChange();
  const answer = await api(path, { method: 'POST', json: body });
  flow.busy = false;
  if (answer.ok) flow.answer = answer.data;
  else flow.error = answer.data.error;
  onChange();
}

async function applyFlow(flow, onChange) {
  const name = flow.answer.run;
  flow.busy = true;
  onChange();
  const answer = await api(`/api/runs/${encodeURIComponent(name)}/apply`, { method: 'POST', json: {} });
  flow.busy = false;
  if (answer.ok) {
    flow.apply = {};
    follow(name, flow.apply, onChange);
  } else if (answer.data.stale) flow.stale = answer.data.error;
  else flow.error = answer.data.error;
  onChange();
}

/** The flow as it stands: working, its error, its plan with Apply, a stale plan with "plan again", the progress. */
export function flowView(t, flow, onChange, { heading, headingId, intro }) {
  const holder = el('div', { class: 'flow' });
  if (flow.busy && !flow.answer) holder.append(el('p', { class: 'busy', role: 'status', text: t.loading }));
  if (flow.error) holder.append(message('error', flow.error));
  if (flow.answer) {
    holder.append(planSection(t, flow.answer, {
      heading, headingId, intro, filter: flow.filter, busy: flow.busy, canApply: !flow.apply && !flow.stale,
      onFilter: (kind) => { flow.filter = kind; onChange(); },
      onApply: () => confirmApply(t, flow.answer, () => applyFlow(flow, onChange)),
    }));
  }
  if (flow.stale) {
    holder.append(el('section', { class: 'card stale' }, message('error', flow.stale),
      el('button', { type: 'button', class: 'primary', text: t.planAgain, on: { click: () => makeFlowPlan(flow, flow.request.path, flow.request.body, onChange) } })));
  }
  if (flow.apply) holder.append(progressView(t, flow.apply));
  return holder;
}
