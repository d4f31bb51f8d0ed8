// The audit as one self-contained HTML page: inline CSS, two inline SVG charts, no scripts and
// no external assets, so it opens in a browser with no network. Everything from the directory is escaped.
// Times are wall-clock times in the run's zone (--tz, default the machine's), named as in the workbook.
import { writeFileAtomic } from '../files/private.js';
import { machineTimeZone, wallClockText } from '../sheets/time-zone.js';
import type { CellValue } from '../sheets/write.js';
import { zonedColumns } from './column-widths.js';
import { auditSummary, findingTables, type AuditReport } from './audit.js';
import { messages } from '../i18n/catalog.js';
import type { Lang } from '../i18n/lang.js';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function cellText(value: CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return wallClockText(value, timeZone);
  return String(value);
}

interface Bar {
  label: string;
  value: number;
}

const CHART_WIDTH = 640;
const BAR_HEIGHT = 22;
const BAR_GAP = 6;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 50;

/** Horizontal bar chart (long department names read better sideways). */
export function horizontalBarChart(title: string, bars: Bar[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(1, bars.length) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
  const rows = bars.map((bar, index) => {
    const y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP);
    const width = Math.round((bar.value / max) * plotWidth);
    const label = bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label;
    return [
      `<g><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title>`,
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(label)}</text>`,
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}"></rect>`,
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR_HEIGHT / 2}" dominant-baseline="middle">${bar.value}</text></g>`,
    ].join('');
  });
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">${rows.join('')}</svg>`;
}

const HISTOGRAM_HEIGHT = 260;
const AXIS_HEIGHT = 40;
const TOP_MARGIN = 24;

/** Vertical histogram: one column per bucket, labels underneath. */
export function histogramChart(title: string, bars: Bar[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = CHART_WIDTH / Math.max(1, bars.length);
  const plotHeight = HISTOGRAM_HEIGHT - AXIS_HEIGHT - TOP_MARGIN;
  const columns = bars.map((bar, index) => {
    const height = Math.round((bar.value / max) * plotHeight);
    const x = index * slot + slot * 0.15;
    const y = TOP_MARGIN + plotHeight - height;
    const centre = index * slot + slot / 2;
    return [
      `<g><title>${escapeHtml(`${bar.label} days: ${bar.value}`)}</title>`,
      `<rect class="bar" x="${x.toFixed(1)}" y="${y}" width="${(slot * 0.7).toFixed(1)}" height="${height}"></rect>`,
      `<text x="${centre.toFixed(1)}" y="${y - 6}" text-anchor="middle">${bar.value}</text>`,
      `<text x="${centre.toFixed(1)}" y="${TOP_MARGIN + plotHeight + 18}" text-anchor="middle">${escapeHtml(bar.label)}</text></g>`,
    ].join('');
  });
  const axis = `<line x1="0" y1="${TOP_MARGIN + plotHeight}" x2="${CHART_WIDTH}" y2="${TOP_MARGIN + plotHeight}" stroke="#888"></line>`;
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${CHART_WIDTH}" height="${HISTOGRAM_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${HISTOGRAM_HEIGHT}">${axis}${columns.join('')}</svg>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #1d1d1f; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d4da; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; position: sticky; top: 0; }
tr:nth-child(even) td { background: #fafbfc; }
.muted { color: #6b7280; } .count { font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 32px; }
svg { font: 12px system-ui, sans-serif; } svg .bar { fill: #3b82f6; }
`;

/** A table whose times are wall-clock times in `timeZone`, named in their columns' headers ("created_at (Europe/Moscow)"). */
export function table(columns: string[], rows: CellValue[][], timeZone: string): string {
  const head = `<tr>${zonedColumns(columns, rows, timeZone).map((column) => `<th>${escapeHtml(column)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(cellText(value, timeZone))}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export interface AuditHtmlOptions {
  source?: string;
  /** More sections (already escaped HTML), after the directory's findings. */
  appendixHtml?: string;
  /** The page's language (its words and its lang attribute); default English. */
  lang?: Lang;
  /** The IANA zone of the page's times (default the machine's), as the workbook's. */
  timeZone?: string;
}

export function renderAuditHtml(report: AuditReport, { source, appendixHtml = '', lang = 'en', timeZone = machineTimeZone() }: AuditHtmlOptions = {}): string {
  const t = messages(lang);
  const counts = auditSummary(report);
  const tables = findingTables(report, t);
  const summaryRows = tables.map((finding) => [finding.title, counts[finding.key]] as CellValue[]);
  const sections = tables.map((finding) => [
    `<section id="${finding.key}">`,
    `<h2>${escapeHtml(finding.title)} <span class="count">(${counts[finding.key]})</span></h2>`,
    `<p class="muted">${escapeHtml(finding.description)}</p>`,
    finding.rows.length ? table(finding.columns, finding.rows, timeZone) : `<p>${escapeHtml(t.auditNothingFound)}</p>`,
    '</section>',
  ].join('\n'));
  const departmentChart = horizontalBarChart(
    t.auditHeadcount,
    report.headcountByDepartment.map((entry) => ({ label: entry.department, value: entry.count })),
  );
  const activityChart = histogramChart(
    t.auditDaysSince,
    report.activityHistogram.map((bucket) => ({ label: bucket.label, value: bucket.count })),
  );
  return `<!DOCTYPE html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.auditPageTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(t.auditPageTitle)}</h1>
<p class="muted">${escapeHtml(`${t.auditPageIntro(cellText(report.now, timeZone), source, report.people, report.inactiveDays)} ${t.auditPageTimeZone(timeZone)}`)}</p>
<h2>${escapeHtml(t.summarySheet)}</h2>
${table([t.auditFinding, t.auditCount], summaryRows, timeZone)}
<div class="charts">
<figure><figcaption>${escapeHtml(t.auditHeadcountCaption)}</figcaption>
${departmentChart}
</figure>
<figure><figcaption>${escapeHtml(t.auditDaysSinceCaption)}</figcaption>
${activityChart}
</figure>
</div>
${sections.join('\n')}
${appendixHtml}
</body>
</html>
`;
}

export async function writeAuditHtml(path: string, report: AuditReport, options: AuditHtmlOptions = {}): Promise<void> {
  await writeFileAtomic(path, renderAuditHtml(report, options));
}
