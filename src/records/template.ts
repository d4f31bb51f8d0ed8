// The hire template: which columns, what they mean, an example row; written as XLSX or CSV.
import { writeFileAtomic } from '../files/private.js';
import { excelJs, type ExcelJSModule as ExcelJS } from '../sheets/exceljs.js';
import { excelColumnLetter } from '../sheets/cell-text.js';
import { writeCsvFile } from '../sheets/write.js';
import { messages } from '../i18n/catalog.js';
import type { TemplateNoteColumn } from '../i18n/en.js';

export type TemplateLanguage = 'ru' | 'en';
export type TemplateFormat = 'xlsx' | 'csv';

interface TemplateColumn {
  column: TemplateNoteColumn;
  header: Record<TemplateLanguage, string>;
  example: Record<TemplateLanguage, string>;
  width: number;
  /** Drop-down choices. */
  choices?: Record<TemplateLanguage, readonly string[]>;
}

const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { column: 'email', width: 30, header: { ru: 'Email', en: 'Email' },
    example: { ru: 'ivan.petrov@example.ru', en: 'jane.doe@example.com' } },
  { column: 'last_name', width: 18, header: { ru: 'Фамилия', en: 'Last name' },
    example: { ru: 'Петров', en: 'Doe' } },
  { column: 'first_name', width: 16, header: { ru: 'Имя', en: 'First name' }, example: { ru: 'Иван', en: 'Jane' } },
  { column: 'middle_name', width: 18, header: { ru: 'Отчество', en: 'Middle name' },
    example: { ru: 'Сергеевич', en: '' } },
  { column: 'phone_number', width: 18, header: { ru: 'Телефон', en: 'Phone' },
    // No leading '+': in a CSV it would start a formula in Excel, so the CSV writer guards it with an apostrophe that Excel then shows.
    example: { ru: '8 (916) 123-45-67', en: '7 916 123 4567' } },
  { column: 'department', width: 20, header: { ru: 'Отдел', en: 'Department' }, example: { ru: 'Разработка', en: 'Engineering' } },
  { column: 'title', width: 22, header: { ru: 'Должность', en: 'Title' }, example: { ru: 'Инженер', en: 'Engineer' } },
  { column: 'role', width: 16, header: { ru: 'Роль', en: 'Role' },
    example: { ru: 'сотрудник', en: 'user' },
    choices: { ru: ['сотрудник', 'администратор', 'мульти-гость', 'гость'], en: ['user', 'admin', 'multi_guest', 'guest'] } },
  { column: 'tags', width: 26, header: { ru: 'Теги', en: 'Tags' },
    example: { ru: 'Москва, Backend', en: 'London, Backend' } },
  { column: 'suspended', width: 14, header: { ru: 'Заблокирован', en: 'Suspended' },
    example: { ru: 'нет', en: 'no' },
    choices: { ru: ['да', 'нет'], en: ['yes', 'no'] } },
  { column: 'chat_ids', width: 14, header: { ru: 'Чаты', en: 'Chats' },
    example: { ru: '', en: '' } },
  // The example row says "skip", so a template imported as it is never creates the sample person.
  { column: 'action', width: 16, header: { ru: 'Действие', en: 'Action' },
    example: { ru: 'пропустить', en: 'skip' },
    choices: { ru: ['создать', 'обновить', 'заблокировать', 'восстановить', 'увольнение', 'удалить', 'пропустить'], en: ['create', 'update', 'suspend', 'restore', 'offboard', 'delete', 'skip'] } },
];

/** The template's header colour (white bold on indigo); failed.xlsx uses it too. */
export const TEMPLATE_HEADER_FILL = 'FF4F46E5';

/** Same dates in every generated template, so the files only change when the content does. */
const TEMPLATE_DATE = new Date(Date.UTC(2026, 0, 1));

export function templateHeaders(language: TemplateLanguage): string[] {
  return TEMPLATE_COLUMNS.map((column) => column.header[language]);
}

export function templateExampleRow(language: TemplateLanguage): string[] {
  return TEMPLATE_COLUMNS.map((column) => column.example[language]);
}

export function templateDelimiter(language: TemplateLanguage): string {
  // Russian-locale Excel opens ';'-separated CSV directly; English-locale uses ','.
  return language === 'ru' ? ';' : ',';
}

const DROP_DOWN_ROWS = 1000;

/** exceljs 4.4 has worksheet.dataValidations (range validations) but does not declare it. */
interface SheetWithRangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

async function writeTemplateXlsx(path: string, language: TemplateLanguage): Promise<void> {
  const t = messages(language);
  // Non-streaming workbook: notes and data validation need the whole-sheet model.
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'pachca-roster';
  workbook.created = TEMPLATE_DATE;
  workbook.modified = TEMPLATE_DATE;
  const sheet = workbook.addWorksheet(language === 'ru' ? 'Сотрудники' : 'Employees', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = TEMPLATE_COLUMNS.map((column) => ({ header: column.header[language], key: column.column, width: column.width }));
  const header = sheet.getRow(1);
  header.height = 20;
  // The example goes in row 2 before the drop-downs touch rows 2..1000 (addRow would land after them).
  const example = sheet.getRow(2);
  example.values = templateExampleRow(language);
  example.font = { italic: true, color: { argb: 'FF6B7280' } };
  TEMPLATE_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TEMPLATE_HEADER_FILL } };
    cell.alignment = { vertical: 'middle' };
    cell.note = t.templateNotes[column.column];
    if (column.choices) {
      // One range per column. Per-cell validations go through exceljs's optimiser, which sorts
      // addresses as text (H10 before H2) and writes overlapping ranges that Excel "repairs".
      const letter = excelColumnLetter(index + 1);
      const formula = `"${column.choices[language].join(',')}"`;
      (sheet as unknown as SheetWithRangeValidations).dataValidations.add(`${letter}2:${letter}${DROP_DOWN_ROWS}`, {
        type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true,
        errorTitle: column.header[language],
        error: t.templateChoose(column.choices[language].join(', ')),
      });
    }
  });
  await writeFileAtomic(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** Writes the hire template; CSV is UTF-8 with BOM, ';' for ru and ',' for en. */
export async function writeTemplate(path: string, language: TemplateLanguage, format: TemplateFormat): Promise<void> {
  if (format === 'xlsx') return writeTemplateXlsx(path, language);
  return writeCsvFile(path, templateHeaders(language), [templateExampleRow(language)], { delimiter: templateDelimiter(language), bom: true });
}

export function defaultTemplateName(language: TemplateLanguage, format: TemplateFormat): string {
  return `hire-template-${language}.${format}`;
}
