// Import: choose a sheet, see what was read and what is wrong with it, set the options, see the
// plan, apply exactly that plan (after a confirmation repeating the counts), watch it, download the report.
import { api } from '../api.js';
import { checkbox, clear, el, field, fill, message, page, table, uid } from '../dom.js';
import { confirmApply, flowView, makeFlowPlan, newFlow, planSection as sharedPlanSection } from '../plan-flow.js';
import { follow, progressView } from '../progress.js';

const DEFAULT_OPTIONS = { tags: 'merge', createTags: true, blankClears: false, allowDelete: false, suspendMissing: false, maxSuspend: '10%', skipEmailNotify: false };

/** What the page knows; kept across re-renders (a language switch redraws from it). */
const state = {
  busy: false,
  error: null,
  upload: null, // { run, file, check }
  mapping: {}, // header -> column chosen on the page
  options: { ...DEFAULT_OPTIONS },
  welcome: '',
  plan: null, // { run, apiUrl, plan, files }
  filter: '',
  stale: null,
  apply: null, // progress state (see progress.js)
  undo: newFlow(), // undoing the applied run (see plan-flow.js)
};

const view = page(draw);
export const render = view.render;
const redraw = view.redraw;

function draw(root, { t }) {
  root.append(el('h2', { text: t.importHeading }), el('p', { class: 'intro', text: t.importIntro }));
  root.append(fileSection(t));
  if (state.error) root.append(message('error', state.error));
  if (state.busy) root.append(el('p', { class: 'busy', role: 'status', text: t.loading }));
  if (state.upload) root.append(detectedSection(t), mappingSection(t), validationSection(t), optionsSection(t));
  if (state.plan) root.append(planSection(t));
  if (state.stale) root.append(staleSection(t));
  if (state.apply) root.append(el('div', { id: 'apply-progress' }, progressView(t, state.apply)));
  const undo = undoSection(t);
  if (undo) root.append(undo);
}

function redrawProgress() {
  const holder = document.getElementById('apply-progress');
  if (!holder || !view.ctx) return redraw();
  clear(holder);
  holder.append(progressView(view.ctx.t, state.apply));
}

async function run(work) {
  state.busy = true;
  state.error = null;
  redraw();
  try {
    await work();
  } finally {
    state.busy = false;
    redraw();
  }
}

function fileSection(t) {
  const mb = Math.round(((view.ctx.config.maxUploadBytes ?? 0) / 1024 / 1024) * 10) / 10;
  const input = el('input', { type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', on: { change: (event) => upload(event.target.files[0]) } });
  return el('section', { class: 'card' }, field(t.fileLabel, input, fill(t.fileHint, { mb })));
}

async function upload(file) {
  if (!file) return;
  const { t } = view.ctx;
  Object.assign(state, { upload: null, plan: null, stale: null, apply: null, mapping: {} });
  if (file.size > (view.ctx.config.maxUploadBytes ?? Infinity)) {
    state.error = fill(t.errorUploadTooLarge, { mb: Math.round((view.ctx.config.maxUploadBytes / 1024 / 1024) * 10) / 10 });
    return redraw();
  }
  await run(async () => {
    const answer = await api(`/api/uploads?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!answer.ok) state.error = answer.data.error;
    else state.upload = answer.data;
  });
}

function detectedSection(t) {
  const { detected, rows } = state.upload.check;
  const facts = [
    [t.detectedFormat, detected.format.toUpperCase()],
    detected.sheet ? [t.detectedSheet, detected.sheet] : null,
    detected.encoding ? [t.detectedEncoding, detected.encoding] : null,
    detected.delimiter ? [t.detectedDelimiter, detected.delimiter === '\t' ? t.delimiterTab : detected.delimiter] : null,
    [t.detectedHeaderRow, String(detected.headerRow)],
    [t.detectedRows, String(rows)],
  ].filter(Boolean);
  return el('section', { class: 'card', 'aria-labelledby': 'detected-heading' },
    el('h3', { id: 'detected-heading', text: `${t.detectedHeading}: ${state.upload.file}` }),
    el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })])));
}

/** A column as the choice names it: its header in the page's language, with the name --map takes when they differ. */
function columnText(name, labels) {
  const label = labels?.[name];
  return label && label !== name ? `${label} (${name})` : name;
}

function mappingSection(t) {
  const { mapping, columns, columnLabels: labels } = state.upload.check;
  const rows = mapping.map(({ header, column }) => {
    const chosen = state.mapping[header] ?? column ?? '';
    const select = el('select', { id: uid('map'), 'aria-label': `${t.mappingColumn}: ${header}`, on: { change: (event) => { state.mapping[header] = event.target.value; } } },
      column === null ? el('option', { value: '', text: t.mappingIgnored, selected: chosen === '' }) : null,
      columns.map((name) => el('option', { value: name, text: columnText(name, labels), selected: chosen === name })),
      el('option', { value: `custom:${header}`, text: `custom:${header}`, selected: chosen === `custom:${header}` }));
    return [header, select];
  });
  const recheck = el('button', { type: 'button', text: t.mappingRecheck, on: { click: () => recheckMapping() } });
  return el('section', { class: 'card', 'aria-labelledby': 'mapping-heading' },
    el('h3', { id: 'mapping-heading', text: t.mappingHeading }), table([t.mappingHeader, t.mappingColumn], rows), recheck);
}

function mapFlags() {
  return Object.entries(state.mapping).filter(([, column]) => column !== '').map(([header, column]) => `${header}=${column}`);
}

async function recheckMapping() {
  await run(async () => {
    const answer = await api(`/api/runs/${encodeURIComponent(state.upload.run)}/check`, { method: 'POST', json: { map: mapFlags() } });
    if (!answer.ok) state.error = answer.data.error;
    else Object.assign(state, { upload: answer.data, plan: null, stale: null, apply: null });
  });
}

function validationSection(t) {
  const { invalid, invalidCount, rows, warnings } = state.upload.check;
  const section = el('section', { class: 'card', 'aria-labelledby': 'validation-heading' }, el('h3', { id: 'validation-heading', text: t.validationHeading }));
  if (invalidCount === 0) section.append(message('ok', fill(t.validationAllValid, { n: rows })));
  else {
    section.append(message('warning', fill(t.validationInvalid, { bad: invalidCount, n: rows })));
    section.append(table([t.validationRow, t.validationColumn, t.validationValue, t.validationReason],
      invalid.flatMap((entry) => entry.issues.map((issue) => ({ className: 'invalid', cells: [String(entry.row), issue.column, shortened(issue.value), issue.message] })))));
  }
  if (warnings.length > 0) section.append(el('h4', { text: t.warningsHeading }), el('ul', { class: 'warnings' }, warnings.map((text) => el('li', { text }))));
  return section;
}

/** A very long cell cut for the table (the reason says how long it is). */
function shortened(value) {
  return value.length > 120 ? `${value.slice(0, 120)}…` : value;
}

function optionsSection(t) {
  const options = state.options;
  const set = (name) => (value) => { options[name] = value; };
  const tagsName = uid('tags');
  const radio = (value, label) => {
    const input = el('input', { type: 'radio', name: tagsName, id: uid('radio'), value, checked: options.tags === value, on: { change: () => { options.tags = value; } } });
    return el('div', { class: 'field check' }, input, el('label', { for: input.id, text: label }));
  };
  const maxSuspend = el('input', { type: 'text', value: options.maxSuspend, size: '6', on: { input: (event) => { options.maxSuspend = event.target.value; } } });
  const welcome = el('textarea', { rows: '3', value: state.welcome, on: { input: (event) => { state.welcome = event.target.value; } } });
  const planButton = el('button', { type: 'button', class: 'primary', text: t.planButton, disabled: state.busy, on: { click: () => makePlan() } });
  return el('section', { class: 'card', 'aria-labelledby': 'options-heading' },
    el('h3', { id: 'options-heading', text: t.optionsHeading }),
    el('fieldset', {}, el('legend', { text: t.optionTags }), radio('merge', t.optionTagsMerge), radio('replace', t.optionTagsReplace)),
    checkbox(t.optionCreateTags, options.createTags, set('createTags')),
    checkbox(t.optionSuspendMissing, options.suspendMissing, set('suspendMissing')),
    field(t.optionMaxSuspend, maxSuspend),
    checkbox(t.optionAllowDelete, options.allowDelete, set('allowDelete')),
    checkbox(t.optionSkipEmail, options.skipEmailNotify, set('skipEmailNotify')),
    checkbox(t.optionBlankClears, options.blankClears, set('blankClears')),
    field(t.optionWelcome, welcome),
    planButton);
}

async function makePlan() {
  const from = state.plan?.run ?? state.upload.run;
  await run(async () => {
    const answer = await api(`/api/runs/${encodeURIComponent(from)}/plan`, {
      method: 'POST',
      json: { readOptions: mapFlags().length ? { map: mapFlags() } : {}, planOptions: state.options, ...(state.welcome.trim() ? { welcome: state.welcome } : {}) },
    });
    Object.assign(state, { stale: null, apply: null });
    if (!answer.ok) {
      state.error = answer.data.error;
      state.plan = null;
    } else state.plan = answer.data;
  });
  document.getElementById('plan-heading')?.focus();
}

function planSection(t) {
  return sharedPlanSection(t, state.plan, {
    heading: t.planHeading, headingId: 'plan-heading', filter: state.filter, busy: state.busy, canApply: !state.apply && !state.stale,
    onFilter: (kind) => { state.filter = kind; redraw(); },
    onApply: () => confirmApply(view.ctx.t, state.plan, () => apply()),
  });
}

/** A finished apply can be taken back: "Undo this run" makes the undo plan, shown and applied below. */
function undoSection(t) {
  if (!state.apply?.finished || state.apply.failed) return null;
  if (!state.undo.request) {
    return el('section', { class: 'card' }, el('button', { type: 'button', text: t.undoButton, on: { click: () => makeFlowPlan(state.undo, `/api/runs/${encodeURIComponent(state.plan.run)}/undo`, {}, redraw) } }));
  }
  return flowView(t, state.undo, redraw, { heading: fill(t.undoHeading, { name: state.plan.run }), headingId: 'undo-heading', intro: t.undoIntro });
}

async function apply() {
  const name = state.plan.run;
  await run(async () => {
    const answer = await api(`/api/runs/${encodeURIComponent(name)}/apply`, { method: 'POST', json: {} });
    if (answer.ok) {
      state.apply = {};
      state.undo = newFlow();
      follow(name, state.apply, () => (state.apply.finished ? redraw() : redrawProgress()));
    } else if (answer.data.stale) state.stale = answer.data.error;
    else state.error = answer.data.error;
  });
}

function staleSection(t) {
  return el('section', { class: 'card stale' },
    message('error', state.stale),
    el('button', { type: 'button', class: 'primary', text: t.planAgain, on: { click: () => makePlan() } }));
}
