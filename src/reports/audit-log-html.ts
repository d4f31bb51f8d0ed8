// The security log's sections of the audit page: the note when the log could not be read, or a
// chart of events per day and one table per section. Inline SVG, every value escaped.
import { escapeHtml, table } from './audit-html.js';
import { securityLogNote, securityLogTables, type DayCount, type SecurityLogReport } from './audit-log.js';
import { messages, type Catalog } from '../i18n/catalog.js';
import { machineTimeZone } from '../sheets/time-zone.js';

const CHART_WIDTH = 720;
const CHART_HEIGHT = 220;
const AXIS_HEIGHT = 36;
const TOP_MARGIN = 20;
/** A date under the axis every week, or every few weeks so that no more than MAX_LABELS fit. */
const LABEL_EVERY_DAYS = 7;
const MAX_LABELS = 12;

/** Vertical bars, one per day; a date label every week and a tooltip per day. */
export function eventsPerDayChart(days: readonly DayCount[], t: Catalog = messages('en')): string {
  const max = Math.max(1, ...days.map((day) => day.count));
  const slot = CHART_WIDTH / Math.max(1, days.length);
  const plotHeight = CHART_HEIGHT - AXIS_HEIGHT - TOP_MARGIN;
  const labelEvery = LABEL_EVERY_DAYS * Math.max(1, Math.ceil(days.length / MAX_LABELS / LABEL_EVERY_DAYS));
  const bars = days.map((day, index) => {
    const height = Math.round((day.count / max) * plotHeight);
    const x = index * slot + slot * 0.1;
    const y = TOP_MARGIN + plotHeight - height;
    const label = index % labelEvery === 0
      ? `<text x="${(index * slot).toFixed(1)}" y="${TOP_MARGIN + plotHeight + 16}">${escapeHtml(day.day.slice(5))}</text>`
      : '';
    return `<g><title>${escapeHtml(`${day.day}: ${day.count}`)}</title><rect class="bar" x="${x.toFixed(1)}" y="${y}" width="${Math.max(1, slot * 0.8).toFixed(1)}" height="${height}"></rect>${label}</g>`;
  });
  const axis = `<line x1="0" y1="${TOP_MARGIN + plotHeight}" x2="${CHART_WIDTH}" y2="${TOP_MARGIN + plotHeight}" stroke="#888"></line>`;
  const peak = `<text x="0" y="12">${escapeHtml(t.securityLogChartPeak(max))}</text>`;
  return `<svg role="img" aria-label="${escapeHtml(t.securityLogChartLabel)}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${peak}${axis}${bars.join('')}</svg>`;
}

/** `timeZone`: the zone of the tables' times (the page's); the per-day counts stay UTC days, labelled so. */
export function renderSecurityLogHtml(report: SecurityLogReport, t: Catalog = messages('en'), timeZone: string = machineTimeZone()): string {
  const heading = `<h2>${escapeHtml(t.securityLogPageHeading(report.since.toISOString().slice(0, 10)))}</h2>`;
  const note = securityLogNote(report, t);
  if (note !== undefined) return `<section id="securityLog">\n${heading}\n<p class="note">${escapeHtml(note)}.</p>\n</section>`;
  const sections = securityLogTables(report, t)
    .filter((section) => section.key !== 'eventsPerDay')
    .map((section) => [
      `<section id="${escapeHtml(section.key)}">`,
      `<h2>${escapeHtml(section.title)} <span class="count">(${section.rows.length})</span></h2>`,
      `<p class="muted">${escapeHtml(section.description)}</p>`,
      section.rows.length ? table(section.columns, section.rows, timeZone) : `<p>${escapeHtml(t.auditNothingFound)}</p>`,
      '</section>',
    ].join('\n'));
  return [
    '<section id="securityLog">',
    heading,
    `<figure><figcaption>${escapeHtml(t.securityLogChartCaption)}</figcaption>`,
    eventsPerDayChart(report.eventsPerDay, t),
    '</figure>',
    '</section>',
    ...sections,
  ].join('\n');
}
