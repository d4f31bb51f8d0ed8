// Following an apply: server-sent events from the apply use case, rendered as a progress bar with
// counts and the time left, the result of each row, "Done" and the report's files.
import { clear, downloads, el, fill, message, table } from './dom.js';

/**
 * Starts following run's apply; `state` keeps what arrived (so a re-render in another language
 * shows the same), `onChange` redraws.
 */
export function follow(run, state, onChange) {
  Object.assign(state, { run, total: 0, done: 0, requests: 0, startedAt: Date.now(), outcomes: [], warnings: [], finished: false, stopped: null, failed: null, files: [], counts: null });
  const source = new EventSource(`/events/${encodeURIComponent(run)}`);
  const on = (type, handle) => source.addEventListener(type, (event) => {
    handle(JSON.parse(event.data));
    onChange();
  });
  on('started', (event) => {
    state.total = event.total;
    state.startedAt = Date.now();
  });
  on('outcome', (event) => {
    state.done = event.done;
    state.total = event.total;
    state.requests = event.requests;
    state.outcomes.push(event.outcome);
  });
  on('warning', (event) => state.warnings.push(event.text));
  on('stopped', (event) => {
    state.stopped = event.message;
  });
  on('finished', (event) => {
    state.finished = true;
    state.files = event.files;
    state.counts = event.counts;
    source.close();
  });
  on('failed', (event) => {
    state.failed = event.message;
    state.finished = true;
    source.close();
  });
  source.onerror = () => {
    if (state.finished) source.close();
  };
}

function etaSeconds(state) {
  if (state.done === 0 || state.done >= state.total) return null;
  const elapsed = (Date.now() - state.startedAt) / 1000;
  return Math.max(1, Math.round((elapsed / state.done) * (state.total - state.done)));
}

function resultCounts(t, counts) {
  if (!counts) return '';
  return Object.entries(counts).filter(([, n]) => n > 0).map(([result, n]) => `${t.results[result] ?? result}: ${n}`).join(', ');
}

/** The progress section for the state `follow` keeps. */
export function progressView(t, state) {
  const section = el('section', { class: 'card progress', 'aria-labelledby': 'progress-heading' });
  section.append(el('h2', { id: 'progress-heading', text: state.finished && !state.failed ? t.done : t.progressHeading }));
  const bar = el('progress', { max: String(Math.max(state.total, 1)), value: String(state.finished && !state.failed ? Math.max(state.total, 1) : state.done), 'aria-label': t.progressHeading });
  section.append(bar);
  const eta = state.finished ? null : etaSeconds(state);
  section.append(el('p', { role: 'status', 'aria-live': 'polite', text: `${fill(t.progressCounts, { done: state.done, total: state.total, requests: state.requests })}${eta ? ` · ${fill(t.progressEta, { s: eta })}` : ''}` }));
  if (state.finished && !state.failed) section.append(el('p', { class: 'done', text: `${t.done}. ${resultCounts(t, state.counts)}` }));
  if (state.stopped) section.append(message('error', fill(t.stoppedText, { message: state.stopped })));
  if (state.failed) section.append(message('error', state.failed));
  for (const warning of state.warnings) section.append(message('warning', warning));
  if (state.outcomes.length > 0) {
    section.append(el('h3', { text: t.resultHeading }));
    section.append(table([t.planColumnRow, t.planColumnPerson, t.resultColumnResult, t.planColumnNote], state.outcomes.map((outcome) => ({
      className: outcome.result === 'failed' ? 'failed' : '',
      cells: [outcome.row === undefined ? '' : String(outcome.row), outcome.person, t.results[outcome.result] ?? outcome.result, outcome.message ?? ''],
    }))));
  }
  section.append(downloads(t.downloads, `/download/runs/${encodeURIComponent(state.run)}`, state.files));
  return section;
}

export { clear };
