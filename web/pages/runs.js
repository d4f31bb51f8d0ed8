// Runs: earlier run folders with their state, summary and files; an interrupted one can be resumed
// here, and a run that changed something can be undone (its undo plan shown, then applied).
import { api } from '../api.js';
import { el, fill, message, page, table } from '../dom.js';
import { flowView, makeFlowPlan, newFlow } from '../plan-flow.js';
import { follow, progressView } from '../progress.js';

const state = { runs: null, runsDir: '', error: null, apply: null, undo: newFlow(), undone: null };
const view = page(draw);
const redraw = view.redraw;

const STATE_WORDS = { uploaded: 'stateUploaded', planned: 'statePlanned', applied: 'stateApplied', 'rows-failed': 'stateRowsFailed', interrupted: 'stateInterrupted', running: 'stateRunning', other: 'stateOther' };

export function render(container, context) {
  view.render(container, context);
  load();
}

async function load() {
  const answer = await api('/api/runs');
  if (answer.ok) Object.assign(state, { runs: answer.data.runs, runsDir: answer.data.runsDir, error: null });
  else state.error = answer.data.error;
  redraw();
}

function summaryText(t, run) {
  const counts = run.summary?.dryRun ? run.summary.planned : run.summary?.counts;
  if (!counts) return '';
  const words = run.summary.dryRun ? t.kinds : t.results;
  return Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${words[name] ?? name}: ${n}`).join(', ');
}

function draw(root, { t }) {
  root.append(el('h2', { text: t.runsHeading }), el('p', { class: 'intro', text: fill(t.runsIntro, { dir: state.runsDir }) }),
    el('button', { type: 'button', text: t.runsRefresh, on: { click: () => load() } }));
  if (state.error) root.append(message('error', state.error));
  if (state.apply) root.append(el('div', { id: 'runs-progress' }, progressView(t, state.apply)));
  if (state.undone) root.append(flowView(t, state.undo, redrawUndo, { heading: fill(t.undoHeading, { name: state.undone }), headingId: 'undo-heading', intro: t.undoIntro }));
  if (!state.runs) return;
  if (state.runs.length === 0) return void root.append(message('ok', t.runsNone));
  root.append(el('section', { class: 'card' }, table([t.runsFolder, t.runsState, t.runsSummary, t.runsFiles], state.runs.map((run) => ({
    className: run.state === 'interrupted' ? 'interrupted' : '',
    cells: [
      el('span', {}, el('strong', { text: run.name }), run.input ? el('span', { class: 'hint block', text: run.input }) : null),
      el('span', {}, t[STATE_WORDS[run.state]] ?? run.state,
        run.state === 'interrupted' ? el('button', { type: 'button', class: 'primary small', text: fill(t.runsResume, { name: run.name }), on: { click: () => resume(run.name) } }) : null,
        run.undoable ? el('button', { type: 'button', class: 'small', text: t.undoButton, on: { click: () => undo(run.name) } }) : null),
      summaryText(t, run),
      el('ul', { class: 'files' }, run.files.map((file) => el('li', {}, el('a', { href: `/download/runs/${encodeURIComponent(run.name)}/${encodeURIComponent(file)}`, download: file, text: file })))),
    ],
  })))));
}

async function resume(name) {
  const answer = await api(`/api/runs/${encodeURIComponent(name)}/apply`, { method: 'POST', json: {} });
  if (!answer.ok) {
    state.error = answer.data.error;
    return redraw();
  }
  state.apply = {};
  follow(name, state.apply, () => {
    redraw();
    if (state.apply.finished) load();
  });
}

/** The undo flow redraws the page; once its apply has ended the list is read again (the undo is a run too). */
function redrawUndo() {
  redraw();
  if (state.undo.apply?.finished && !state.undo.reloaded) {
    state.undo.reloaded = true;
    load();
  }
}

async function undo(name) {
  state.undone = name;
  state.undo = newFlow();
  await makeFlowPlan(state.undo, `/api/runs/${encodeURIComponent(name)}/undo`, {}, redrawUndo);
  document.getElementById('undo-heading')?.focus();
}
