// The hire template: which columns, what they mean, an example row; written as XLSX or CSV.
import { writeFileAtomic } from '../files/private.js';
import { excelJs, type ExcelJSModule as ExcelJS } from '../sheets/exceljs.js';
import { excelColumnLetter } from '../sheets/cell-text.js';
import { writeCsvFile } from '../sheets/write.js';
import type { CanonicalColumn } from './types.js';

export type TemplateLanguage = 'ru' | 'en';
export type TemplateFormat = 'xlsx' | 'csv';

interface TemplateColumn {
  column: CanonicalColumn;
  header: Record<TemplateLanguage, string>;
  note: Record<TemplateLanguage, string>;
  example: Record<TemplateLanguage, string>;
  width: number;
  /** Drop-down choices. */
  choices?: Record<TemplateLanguage, readonly string[]>;
}

const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { column: 'email', width: 30, header: { ru: 'Email', en: 'Email' },
    note: { ru: 'Рабочая почта, обязательна. По ней сотрудник находится в Пачке.', en: 'Work email, required. The employee is matched by it.' },
    example: { ru: 'ivan.petrov@example.ru', en: 'jane.doe@example.com' } },
  { column: 'last_name', width: 18, header: { ru: 'Фамилия', en: 'Last name' },
    note: { ru: 'Фамилия. Можно вместо Фамилии, Имени и Отчества заполнить одну колонку ФИО.', en: 'Last name. A single "Full name" column (Last First) also works.' },
    example: { ru: 'Петров', en: 'Doe' } },
  { column: 'first_name', width: 16, header: { ru: 'Имя', en: 'First name' },
    note: { ru: 'Имя, до 255 символов.', en: 'First name, up to 255 characters.' }, example: { ru: 'Иван', en: 'Jane' } },
  { column: 'middle_name', width: 18, header: { ru: 'Отчество', en: 'Middle name' },
    note: { ru: 'Отчество (в Пачке нет такого поля: его можно сопоставить дополнительному полю через --map "Отчество=custom:Отчество").', en: 'Middle name or patronymic (Pachca has no such field; map it to a custom property with --map).' },
    example: { ru: 'Сергеевич', en: '' } },
  { column: 'phone_number', width: 18, header: { ru: 'Телефон', en: 'Phone' },
    note: { ru: 'Любой привычный вид: 8 (916) 123-45-67, +7 916 123 45 67, 9161234567. Без кода страны считается российским.', en: 'Any usual format; with a country code (+44 20 7946 0958), or the --phone-region default (RU).' },
    // No leading '+': in a CSV it would start a formula in Excel, so the CSV writer guards it with an apostrophe that Excel then shows.
    example: { ru: '8 (916) 123-45-67', en: '7 916 123 4567' } },
  { column: 'department', width: 20, header: { ru: 'Отдел', en: 'Department' },
    note: { ru: 'Отдел или подразделение, до 255 символов.', en: 'Department, up to 255 characters.' }, example: { ru: 'Разработка', en: 'Engineering' } },
  { column: 'title', width: 22, header: { ru: 'Должность', en: 'Title' },
    note: { ru: 'Должность, до 255 символов.', en: 'Job title, up to 255 characters.' }, example: { ru: 'Инженер', en: 'Engineer' } },
  { column: 'role', width: 16, header: { ru: 'Роль', en: 'Role' },
    note: { ru: 'сотрудник, администратор, мульти-гость или гость (гостю нужен ровно один чат в колонке Чаты). Пусто: сотрудник.', en: 'user, admin, multi_guest or guest (a guest needs exactly one chat in Chats). Empty: user.' },
    example: { ru: 'сотрудник', en: 'user' },
    choices: { ru: ['сотрудник', 'администратор', 'мульти-гость', 'гость'], en: ['user', 'admin', 'multi_guest', 'guest'] } },
  { column: 'tags', width: 26, header: { ru: 'Теги', en: 'Tags' },
    note: { ru: 'Теги (группы) через запятую, точку с запятой или с новой строки. Новые теги будут созданы.', en: 'Tags separated by commas, semicolons or line breaks. Missing tags are created.' },
    example: { ru: 'Москва, Backend', en: 'London, Backend' } },
  { column: 'suspended', width: 14, header: { ru: 'Заблокирован', en: 'Suspended' },
    note: { ru: 'да/нет (также уволен, активен). Пусто: не менять.', en: 'yes/no. Empty: leave as is.' },
    example: { ru: 'нет', en: 'no' },
    choices: { ru: ['да', 'нет'], en: ['yes', 'no'] } },
  { column: 'chat_ids', width: 14, header: { ru: 'Чаты', en: 'Chats' },
    note: { ru: 'Номера чатов, куда добавить сотрудника, через запятую.', en: 'Chat ids to add the employee to, separated by commas.' },
    example: { ru: '', en: '' } },
  // The example row says "skip", so a template imported as it is never creates the sample person.
  { column: 'action', width: 16, header: { ru: 'Действие', en: 'Action' },
    note: {
      ru: 'Пусто: создать или обновить. Также: заблокировать, восстановить, удалить (только с --allow-delete), пропустить. В строке-примере стоит «пропустить», поэтому она не импортируется.',
      en: 'Empty: create or update. Also: suspend, restore, delete (only with --allow-delete), skip. The example row says skip, so it is never imported.',
    },
    example: { ru: 'пропустить', en: 'skip' },
    choices: { ru: ['создать', 'обновить', 'заблокировать', 'восстановить', 'удалить', 'пропустить'], en: ['create', 'update', 'suspend', 'restore', 'delete', 'skip'] } },
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
    cell.note = column.note[language];
    if (column.choices) {
      // One range per column. Per-cell validations go through exceljs's optimiser, which sorts
      // addresses as text (H10 before H2) and writes overlapping ranges that Excel "repairs".
      const letter = excelColumnLetter(index + 1);
      const formula = `"${column.choices[language].join(',')}"`;
      (sheet as unknown as SheetWithRangeValidations).dataValidations.add(`${letter}2:${letter}${DROP_DOWN_ROWS}`, {
        type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true,
        errorTitle: column.header[language],
        error: language === 'ru' ? `Выберите: ${column.choices[language].join(', ')}` : `Choose: ${column.choices[language].join(', ')}`,
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
