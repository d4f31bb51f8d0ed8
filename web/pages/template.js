// Template: the empty hire sheet, Russian or English headers, XLSX or CSV.
import { el } from '../dom.js';

export function render(root, { t }) {
  const links = [['ru', 'xlsx'], ['ru', 'csv'], ['en', 'xlsx'], ['en', 'csv']].map(([lang, format]) => {
    const name = `hire-template-${lang}.${format}`;
    return el('li', {}, el('a', { href: `/download/template?lang=${lang}&format=${format}`, download: name, text: name }));
  });
  root.append(el('h2', { text: t.templateHeading }), el('p', { class: 'intro', text: t.templateIntro }),
    el('section', { class: 'card downloads', 'aria-label': t.downloads }, el('h3', { text: t.downloads }), el('ul', {}, links)));
}
