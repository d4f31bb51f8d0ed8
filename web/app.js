// The page's frame: language (strings from the server's catalog), the sections, the hash router.
import { api, session } from './api.js';
import { clear, el, fill } from './dom.js';
import * as importPage from './pages/import.js';
import * as exportPage from './pages/export.js';
import * as auditPage from './pages/audit.js';
import * as directoryPage from './pages/directory.js';
import * as templatePage from './pages/template.js';
import * as runsPage from './pages/runs.js';

const PAGES = [
  ['import', 'navImport', importPage],
  ['export', 'navExport', exportPage],
  ['audit', 'navAudit', auditPage],
  ['directory', 'navDirectory', directoryPage],
  ['template', 'navTemplate', templatePage],
  ['runs', 'navRuns', runsPage],
];

const LANG_KEY = 'pachca-roster-lang';
const context = { t: {}, config: {}, rerender: () => render() };

async function loadStrings(lang) {
  session.lang = lang;
  const answer = await api(`/api/strings?lang=${lang}`);
  if (answer.ok) context.t = answer.data;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage may be off; the switch still works for this visit.
  }
}

function currentPage() {
  const name = location.hash.replace(/^#/, '');
  return PAGES.find(([page]) => page === name) ?? PAGES[0];
}

function render() {
  const { t, config } = context;
  document.title = `${t.title} · ${t[currentPage()[1]]}`;
  document.getElementById('app-subtitle').textContent = t.subtitle;
  document.getElementById('lang-label').textContent = t.languageLabel;
  document.getElementById('lang-select').value = session.lang;
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t.navLabel);
  clear(nav);
  const [active] = currentPage();
  nav.append(el('ul', {}, PAGES.map(([page, label]) => el('li', {},
    el('a', { href: `#${page}`, 'aria-current': page === active ? 'page' : undefined, text: t[label] })))));
  const connection = document.getElementById('connection');
  connection.textContent = `${fill(t.connectedTo, { url: config.apiUrl ?? '' })}${config.demo ? ` · ${t.demoNote}` : ''}`;
  const main = document.getElementById('main');
  clear(main);
  currentPage()[2].render(main, context);
}

async function start() {
  const config = await api('/api/config');
  context.config = config.ok ? config.data : {};
  let lang = context.config.defaultLang ?? 'ru';
  try {
    lang = localStorage.getItem(LANG_KEY) ?? lang;
  } catch {
    // As above.
  }
  await loadStrings(lang === 'en' ? 'en' : 'ru');
  document.getElementById('lang-select').addEventListener('change', async (event) => {
    await loadStrings(event.target.value);
    render();
  });
  window.addEventListener('hashchange', () => {
    render();
    document.getElementById('main').focus();
  });
  render();
}

start();
