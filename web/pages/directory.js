// Directory: people found by name, e-mail or phone; one person's card, with the one-person changes
// (suspend, restore, clear the status, set a field): a plan in a run folder, confirmed and applied here.
import { api } from '../api.js';
import { el, field, fill, message, page, table } from '../dom.js';
import { flowView, makeFlowPlan, newFlow } from '../plan-flow.js';

const state = { query: '', busy: false, error: null, people: null, person: null, change: newFlow(), column: '', value: '' };
const view = page(draw);
export const render = view.render;
const redraw = view.redraw;

/** An API value (a role, an invite status) in the page's words; an unknown one as it is. */
function word(words, value) {
  return value === undefined || value === null ? '' : (words?.[value] ?? value);
}

function statusText(status) {
  return status ? `${status.emoji} ${status.title}` : '';
}

function draw(root, { t }) {
  const input = el('input', { type: 'search', value: state.query, on: { input: (event) => { state.query = event.target.value; } } });
  const form = el('form', { class: 'card search', role: 'search', on: { submit: (event) => { event.preventDefault(); search(); } } },
    field(t.directorySearch, input), el('button', { type: 'submit', class: 'primary', text: t.directorySearchButton, disabled: state.busy }));
  root.append(el('h2', { text: t.directoryHeading }), form);
  if (state.busy) root.append(el('p', { role: 'status', text: t.loading }));
  if (state.error) root.append(message('error', state.error));
  if (state.people) {
    if (state.people.length === 0) root.append(message('ok', t.directoryNobody));
    else {
      root.append(table([t.directoryName, t.directoryEmail, t.directoryDepartment, t.directoryTitle, t.directoryRole, t.directoryTags, t.directorySuspended, ''],
        state.people.map((person) => ({
          className: person.suspended ? 'suspended' : '',
          cells: [person.name, person.email ?? '', person.department ?? '', person.title ?? '', word(t.roles, person.role), person.tags.join(', '), person.suspended ? t.yes : t.no,
            el('button', { type: 'button', 'aria-label': `${t.directoryOpen}: ${person.name || person.email || person.id}`, text: t.directoryOpen, on: { click: () => open(person.id) } })],
        }))));
    }
  }
  if (state.person) root.append(card(t, state.person), actions(t, state.person));
  if (state.person && state.change.request) {
    root.append(flowView(t, state.change, redrawChange, { heading: fill(t.personPlanHeading, { name: state.person.name || state.person.email }), headingId: 'change-heading' }));
  }
}

/** The one-person changes that fit the person as they are now. */
function actions(t, person) {
  const plan = (body) => planChange(person.id, body);
  const column = el('input', { type: 'text', value: state.column, on: { input: (event) => { state.column = event.target.value; } } });
  const value = el('input', { type: 'text', value: state.value, on: { input: (event) => { state.value = event.target.value; } } });
  const setForm = el('form', { class: 'set-field', on: { submit: (event) => { event.preventDefault(); if (state.column.trim()) plan({ action: 'set', column: state.column, value: state.value }); } } },
    field(t.personSetColumn, column), field(t.personSetValue, value), el('button', { type: 'submit', text: t.personSetButton }));
  return el('section', { class: 'card', 'aria-labelledby': 'actions-heading' },
    el('h3', { id: 'actions-heading', text: t.personActions }),
    el('div', { class: 'buttons' },
      person.suspended
        ? el('button', { type: 'button', text: t.personRestore, on: { click: () => plan({ action: 'restore' }) } })
        : el('button', { type: 'button', text: t.personSuspend, on: { click: () => plan({ action: 'suspend' }) } }),
      person.status ? el('button', { type: 'button', text: t.personClearStatus, on: { click: () => plan({ action: 'clear-status' }) } }) : null),
    setForm);
}

/** Once the change is applied the card is read again, so it shows the person as they now are. */
function redrawChange() {
  redraw();
  if (state.change.apply?.finished && !state.change.reloaded && state.person) {
    state.change.reloaded = true;
    reloadPerson(state.person.id);
  }
}

async function planChange(id, body) {
  state.change = newFlow();
  await makeFlowPlan(state.change, `/api/people/${encodeURIComponent(id)}/change`, body, redrawChange);
  document.getElementById('change-heading')?.focus();
}

async function reloadPerson(id) {
  const answer = await api(`/api/people/${encodeURIComponent(id)}`);
  if (answer.ok) state.person = answer.data.person;
  redraw();
}

function card(t, person) {
  const facts = [
    [t.directoryName, person.name], [t.directoryEmail, person.email ?? ''], ['id', String(person.id)],
    [t.directoryDepartment, person.department ?? ''], [t.directoryTitle, person.title ?? ''], [t.directoryRole, word(t.roles, person.role)],
    [t.directoryTags, person.tags.join(', ')], [t.directoryStatus, statusText(person.status)],
    [t.directorySuspended, person.suspended ? t.yes : t.no], [t.directoryInvite, word(t.inviteStatuses, person.invite_status)],
    [t.directoryCreated, person.created_at ?? ''], [t.directoryLastActivity, person.last_activity_at ?? ''],
    ...person.custom_properties.map((property) => [property.name, property.value ?? '']),
  ];
  return el('section', { class: 'card person', 'aria-labelledby': 'person-heading' },
    el('h3', { id: 'person-heading', tabindex: '-1', text: `${t.directoryCard}: ${person.name || person.email}` }),
    el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })])));
}

async function search() {
  Object.assign(state, { busy: true, error: null, people: null, person: null });
  redraw();
  const answer = await api(`/api/people?q=${encodeURIComponent(state.query)}`);
  state.busy = false;
  if (answer.ok) state.people = answer.data.people;
  else state.error = answer.data.error;
  redraw();
}

async function open(id) {
  state.change = newFlow();
  const answer = await api(`/api/people/${encodeURIComponent(id)}`);
  if (answer.ok) state.person = answer.data.person;
  else state.error = answer.data.error;
  redraw();
  document.getElementById('person-heading')?.focus();
}
