// Rebuilds the sample sheets in fixtures/ and the bad-input corpus in fixtures/bad/:
//   npx tsx scripts/make-fixtures.ts
// Deterministic: same content every run (xlsx zip timestamps aside).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

const fixturesDir = fileURLToPath(new URL('../fixtures', import.meta.url));
const badDir = join(fixturesDir, 'bad');
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

/** Hires for April; emails do not collide with fixtures/directory.json (all would be creates). */
const HIRES = [
  ['Белова', 'Анна', 'Игоревна', 'anna.belova@example.ru', 79161234501, 'Разработка', 'Инженер', 'сотрудник', 'Backend, Москва', 'Москва', '2026-04-01'],
  ['Громов', 'Денис', 'Андреевич', 'denis.gromov@example.ru', 79161234502, 'Разработка', 'Старший инженер', 'сотрудник', 'Backend', 'Москва', '2026-04-01'],
  ['Данилова', 'Екатерина', 'Павловна', 'ekaterina.danilova@example.ru', 79161234503, 'Продажи', 'Менеджер', 'сотрудник', 'Продажи; Москва', 'Москва', '2026-04-02'],
  ['Ершов', 'Фёдор', 'Ильич', 'fedor.ershov@example.ru', 79161234504, 'HR', 'Рекрутер', 'сотрудник', 'HR', 'Санкт-Петербург', '2026-04-03'],
  ['Жукова', 'Галина', 'Олеговна', 'galina.zhukova@example.ru', 79161234505, 'Разработка', 'Тестировщик', 'сотрудник', 'Frontend|Удалённо', 'Новосибирск', '2026-04-06'],
  ['Зайцев', 'Глеб', 'Романович', 'gleb.zaitsev@example.ru', 79161234506, 'Разработка', 'Дизайнер', 'сотрудник', 'Frontend', 'Москва', '2026-04-06'],
  ['Исаева', 'Дарья', 'Максимовна', 'darya.isaeva@example.ru', 79161234507, 'Продажи', 'Аккаунт-менеджер', 'сотрудник', 'Продажи', 'Санкт-Петербург', '2026-04-07'],
  ['Калинин', 'Евгений', 'Сергеевич', 'evgeny.kalinin@example.ru', 79161234508, 'Руководство', 'Директор по продажам', 'администратор', 'Руководители, Продажи', 'Москва', '2026-04-08'],
  ['Ларионова', 'Жанна', 'Викторовна', 'zhanna.larionova@example.ru', 79161234509, 'HR', 'HR-бизнес-партнёр', 'сотрудник', 'HR, Москва', 'Москва', '2026-04-08'],
  ['Медведев', 'Захар', 'Петрович', 'zakhar.medvedev@example.ru', 79161234510, 'Разработка', 'DevOps-инженер', 'сотрудник', 'Backend, Удалённо', 'Казань', '2026-04-09'],
  ['Носова', 'Инна', 'Аркадьевна', 'inna.nosova@example.ru', 79161234511, 'Бухгалтерия', 'Бухгалтер', 'сотрудник', '', 'Москва', '2026-04-10'],
  ['Осипов', 'Кирилл', 'Денисович', 'kirill.osipov@example.ru', 79161234512, 'Разработка', 'Инженер', 'сотрудник', 'Backend, backend', 'Москва', '2026-04-13'],
  ['Панова', 'Лидия', 'Евгеньевна', 'lidiya.panova@example.ru', 79161234513, 'Продажи', 'Менеджер', 'сотрудник', 'Продажи', 'Новосибирск', '2026-04-13'],
  ['Рябов', 'Матвей', 'Олегович', 'matvey.ryabov@example.ru', 79161234514, 'Поддержка', 'Специалист поддержки', 'сотрудник', 'Удалённо', 'Екатеринбург', '2026-04-14'],
  ['Савина', 'Нина', 'Борисовна', 'nina.savina@example.ru', 79161234515, 'Поддержка', 'Руководитель поддержки', 'сотрудник', 'Руководители', 'Москва', '2026-04-15'],
  ['Тихонов', 'Олег', 'Юрьевич', 'oleg.tikhonov@example.ru', 79161234516, 'Разработка', 'Архитектор', 'сотрудник', 'Backend', 'Москва', '2026-04-15'],
  ['Ульянова', 'Полина', 'Ивановна', 'polina.ulyanova@example.ru', 79161234517, 'Маркетинг', 'Маркетолог', 'сотрудник', '', 'Санкт-Петербург', '2026-04-16'],
  ['Фомин', 'Роман', 'Алексеевич', 'roman.fomin@example.ru', 79161234518, 'Маркетинг', 'Контент-менеджер', 'сотрудник', 'Удалённо', 'Сочи', '2026-04-20'],
  ['Харитонова', 'Светлана', 'Львовна', 'svetlana.kharitonova@example.ru', 79161234519, 'Юристы', 'Юрист', 'сотрудник', '', 'Москва', '2026-04-21'],
  ['Цветков', 'Тимур', 'Ренатович', 'timur.tsvetkov@example.ru', 79161234520, 'Разработка', 'Инженер', 'мульти-гость', 'Гости проекта', 'Москва', '2026-04-22'],
] as const;

async function makeHiresRuXlsx(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  // An empty first sheet: the reader must pick the first sheet WITH data.
  workbook.addWorksheet('Инструкция');
  const sheet = workbook.addWorksheet('Апрель');
  sheet.getCell('A1').value = 'Новые сотрудники, апрель 2026';
  sheet.mergeCells('A1:L1');
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = 'Подготовил: отдел кадров';
  sheet.mergeCells('A2:D2');
  const headers = ['Фамилия', 'Имя', 'Отчество', 'Эл. почта', 'Моб. телефон', 'Отдел', 'Должность', 'Роль', 'Теги', 'Город', 'Дата выхода', 'Уволен'];
  sheet.getRow(4).values = headers;
  sheet.getRow(4).font = { bold: true };
  HIRES.forEach((hire, index) => {
    const rowNumber = 5 + index;
    const [last, first, middle, email, phone, department, title, role, tags, city, startDate] = hire;
    const row = sheet.getRow(rowNumber);
    row.values = [last, first, middle, email, phone, department, title, role, tags, city, new Date(`${startDate}T00:00:00Z`), false];
    row.getCell(11).numFmt = 'dd.mm.yyyy';
    row.getCell(5).numFmt = '0';
  });
  // Cell kinds a person produces in Excel: a hyperlink email, rich text, a formula with its cached result.
  sheet.getCell('D5').value = { text: 'anna.belova@example.ru', hyperlink: 'mailto:anna.belova@example.ru' };
  sheet.getCell('G6').value = { richText: [{ text: 'Старший ', font: { bold: true } }, { text: 'инженер' }] };
  sheet.getCell('F7').value = { formula: 'UPPER("п")&"родажи"', result: 'Продажи' };
  await workbook.xlsx.writeFile(join(fixturesDir, 'hires-ru.xlsx'));
}

function csvLine(cells: readonly string[], delimiter: string): string {
  return cells
    .map((cell) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(delimiter);
}

async function makeHires1251Csv(): Promise<void> {
  const lines = [
    csvLine(['ФИО', 'Электронная почта', 'Телефон', 'Подразделение', 'Должность', 'Группы', 'Заблокирован'], ';'),
    csvLine(['Щербаков Ярослав Олегович', 'Yaroslav.Shcherbakov@Example.ru', '8 (916) 555-10-01', 'Разработка', 'Инженер', 'Backend, Москва', 'нет'], ';'),
    csvLine(['Юдина Элина', 'elina.yudina@example.ru', '+7 916 555 10 02', 'Продажи', 'Менеджер; старший', 'Продажи', 'нет'], ';'),
    csvLine(['Яковлева  Алёна   Сергеевна', ' alena.yakovleva@example.ru ', '9165551003', 'HR', 'Рекрутер', 'HR\nМосква', 'активен'], ';'),
    csvLine(['Ёлкин Семён', 'semen.elkin@example.ru', '79165551004', 'Поддержка', 'Специалист', '', 'уволен'], ';'),
  ];
  await writeFile(join(fixturesDir, 'hires-1251.csv'), iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1251'));
}

/**
 * What Russian-locale Excel writes for "CSV (разделители - запятые)": Windows-1251, ';', CRLF,
 * and a trailing ';' on every line for the empty columns of the used range (header included).
 */
async function makeExcelRuExportCsv(): Promise<void> {
  const rows = [
    ['Фамилия', 'Имя', 'Отчество', 'Почта', 'Телефон', 'Отдел', '', ''],
    ['Агеев', 'Борис', 'Витальевич', 'boris.ageev@example.ru', '8 916 777-00-01', 'Склад', '', ''],
    ['Бойко', 'Вера', '', 'vera.boiko@example.ru', '+7 (916) 777-00-02', 'Логистика; снабжение', '', ''],
    ['Ёрохина', 'Алёна', 'Фёдоровна', 'alena.erokhina@example.ru', '79167770003', 'Склад', '', ''],
  ];
  const text = rows.map((cells) => csvLine(cells, ';')).join('\r\n');
  await writeFile(join(fixturesDir, 'excel-ru-export.csv'), iconv.encode(`${text}\r\n`, 'windows-1251'));
}

/**
 * A CSV someone edited by hand: UTF-8 with BOM and Excel's "sep=;" first line (Excel hides it,
 * so the header is row 1), mixed line endings, a row with fewer fields than the header, one
 * with an unquoted ';' that shifts the rest, and quotes inside unquoted values.
 */
async function makeHandEditedCsv(): Promise<void> {
  const text = [
    'sep=;\r\n',
    'Email;Имя;Фамилия;Должность;Теги\r\n',
    'ira.guseva@example.ru;Ирина;Гусева;Менеджер;Продажи\n', // row 2, LF
    'oleg.dyakov@example.ru;Олег;Дьяков\r', // row 3, CR only; fewer fields than the header
    'pavel.egorov@example.ru;Павел;Егоров;Инженер; старший;Backend\r\n', // row 4, shifted
    'rita.zueva@example.ru;Маргарита "Рита";Зуева;Бухгалтер;\r\n', // row 5, quotes inside a value
  ].join('');
  await writeFile(join(fixturesDir, 'hand-edited.csv'), `\uFEFF${text}`, 'utf8');
}

/**
 * Cell kinds HR workbooks have besides hires-ru.xlsx's: empty rows above a header grouped by
 * merged cells, a hidden column, phones as numbers shown with a '+' format, numbers stored as
 * text, dates typed as text, date-times, a mailto: link, an email with a display name, a phone
 * with an extension, a value under an empty header, and a totals row.
 */
async function makeQuirksXlsx(): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet('Сотрудники');
  sheet.getCell('A3').value = 'Сотрудник';
  sheet.mergeCells('A3:B3');
  sheet.getCell('C3').value = 'Контакты';
  sheet.mergeCells('C3:D3');
  sheet.getRow(4).values = ['Фамилия', 'Имя', 'E-mail', 'Мобильный', 'Табельный номер', 'Статус до', 'Эмодзи статуса', 'Статус', '', 'Оклад'];
  sheet.getColumn(10).hidden = true;
  const rows: unknown[][] = [
    ['Волков', 'Антон', { text: 'anton.volkov@example.ru', hyperlink: 'mailto:anton.volkov@example.ru' }, 79167770101, '007', '01.04.2026', '🏖', 'Отпуск', '', 100000],
    ['Галкина', 'Бэлла', 'Бэлла Галкина <bella.galkina@example.ru>', '8 916 777-01-02 доб. 123', '0042', new Date(Date.UTC(2026, 3, 1, 18, 30)), '🤒', 'Болею', 'позвонить', 120000],
    ['Итого', '', '', '', '', '', '', '', '', { formula: 'SUM(J5:J6)', result: 220000 }],
  ];
  rows.forEach((values, index) => {
    const row = sheet.getRow(5 + index);
    row.values = values as ExcelJS.CellValue[];
  });
  sheet.getCell('D5').numFmt = '"+"0';
  sheet.getCell('E5').numFmt = '@';
  sheet.getCell('E6').numFmt = '@';
  sheet.getCell('F6').numFmt = 'dd.mm.yyyy hh:mm';
  await workbook.xlsx.writeFile(join(fixturesDir, 'hires-quirks.xlsx'));
}

async function makeHiresEnCsv(): Promise<void> {
  const lines = [
    csvLine(['E-mail', 'First name', 'Last name', 'Phone number', 'Department', 'Position', 'Role', 'Tags', 'Suspended', 'Chats', 'Action', 'Status emoji', 'Status', 'Status until', 'Away', 'Away message'], ','),
    csvLine(['john.smith@example.com', 'John', 'Smith', '+44 20 7946 0958', 'Engineering', 'Engineer', 'user', 'London, Backend', 'no', '', 'create', '', '', '', '', ''], ','),
    csvLine(['mary.jones@example.com', 'Mary', 'Jones', '+1 212 555 0100', 'Sales', 'Account manager', 'admin', 'Sales', 'false', '', '', '🌴', 'On vacation', '15.08.2026', 'yes', 'Back on the 16th,\nwrite to Bob'], ','),
    csvLine(['guest.partner@example.com', 'Pat', 'Partner', '', '', '', 'guest', '', '', '12345', 'upsert', '', '-', '', '', ''], ','),
    csvLine(['old.timer@example.com', '', '', '', '', '', '', '', 'yes', '', 'suspend', '', '', '', '', ''], ','),
  ];
  await writeFile(join(fixturesDir, 'hires-en.csv'), `${lines.join('\r\n')}\r\n`, 'utf8');
}

async function makeOtherEncodings(): Promise<void> {
  const rows = [
    ['Почта', 'Имя', 'Фамилия', 'Отдел'],
    ['olga.utf16@example.ru', 'Ольга', 'Шестакова', 'Разработка'],
    ['pavel.utf16@example.ru', 'Павел', 'Щукин', 'Продажи'],
  ];
  const tabText = `${rows.map((row) => row.join('\t')).join('\r\n')}\r\n`;
  await writeFile(join(fixturesDir, 'hires-utf16le-tab.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tabText, 'utf-16le')]));
  await writeFile(join(fixturesDir, 'hires-utf16be.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(tabText.replace(/\t/g, ';'), 'utf-16be')]));
  const pipeText = `${rows.map((row) => row.join('|')).join('\n')}\n`;
  await writeFile(join(fixturesDir, 'hires-bom-pipe.csv'), `\uFEFF${pipeText}`, 'utf8');
}

/** One row per kind of error or warning the validator reports (see test/records-validate.test.ts). */
async function makeMessyCsv(): Promise<void> {
  const header = ['Email', 'ФИО', 'Телефон', 'Отдел', 'Роль', 'Чаты', 'Заблокирован', 'Действие', 'Эмодзи статуса', 'Статус', 'Статус до', 'Нет на месте', 'Сообщение об отсутствии', 'Город', 'Примечание'];
  const blank = header.map(() => '');
  const row = (values: Record<number, string>) => blank.map((_, index) => values[index] ?? '');
  const rows = [
    row({ 0: 'good.person@example.ru', 1: 'Хорошев Гордей', 2: '+7 916 000-00-01', 14: 'всё в порядке' }), // 2 valid
    row({ 0: 'not-an-email', 1: 'Плохов Пётр' }), // 3 malformed email
    row({ 0: 'two@@example.ru' }), // 4 malformed email
    row({ 0: 'long.department@example.ru', 3: 'Отдел'.repeat(60) }), // 5 over 255
    row({ 0: 'bad.role@example.ru', 4: 'начальник' }), // 6 unknown role
    row({ 0: 'guest.nochat@example.ru', 4: 'гость' }), // 7 guest without a chat
    row({ 0: 'guest.twochats@example.ru', 4: 'guest', 5: '101, 102' }), // 8 guest with two chats
    row({ 0: 'bad.date@example.ru', 8: '🏖', 9: 'Отпуск', 10: '31.02.2026' }), // 9 bad date
    row({ 0: 'bad.bool@example.ru', 6: 'может быть' }), // 10 bad boolean
    row({ 0: 'no.emoji@example.ru', 9: 'В отпуске' }), // 11 status title without emoji
    row({ 0: 'Good.Person@Example.ru', 1: 'Хорошев Гордей' }), // 12 duplicate of row 2
    row({}), // 13 empty: skipped silently
    row({ 1: 'Итого', 5: '20' }), // 14 content but no email
    row({ 0: 'long.title@example.ru', 8: '🤒', 9: 'Болею и работаю из дома до конца следующей недели, звоните' }), // 15 status title > 50
    row({ 0: 'long.away@example.ru', 8: '🏖', 9: 'Отпуск', 11: 'да', 12: 'я'.repeat(1100) }), // 16 away message > 1024
    row({ 0: 'long.custom@example.ru', 13: 'Город'.repeat(160) }), // 17 custom property > 768
    row({ 0: 'bad.phone@example.ru', 2: '12345' }), // 18 bad phone
    row({ 0: 'bad.action@example.ru', 7: 'уничтожить' }), // 19 unknown action
    row({ 0: 'bad.away@example.ru', 8: '🏖', 9: 'Отпуск', 11: 'наверное' }), // 20 bad boolean in away
    row({ 0: 'bad.chat@example.ru', 5: 'общий' }), // 21 bad chat id
  ];
  const text = [header, ...rows].map((cells) => csvLine(cells, ',')).join('\r\n');
  await writeFile(join(fixturesDir, 'messy.csv'), `${text}\r\n`, 'utf8');
}

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content, { date: FIXED_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Seeded generator so the garbage is the same every run. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A 128-byte OLE2 directory entry: UTF-16 name with terminator, its byte length, the object type (1 storage, 2 stream, 5 root). */
function oleDirectoryEntry(name: string, type: number): Buffer {
  const entry = Buffer.alloc(128);
  const encoded = Buffer.from(`${name}\u0000`, 'utf16le');
  encoded.copy(entry, 0);
  entry.writeUInt16LE(encoded.length, 64);
  entry[66] = type;
  return entry;
}

/**
 * The start of an OLE2 compound file (the container of old .xls workbooks and of encrypted
 * .xlsx): the signature, a header sector, then a directory sector naming its streams.
 */
function oleFile(streams: string[], seed: number): Buffer {
  const header = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), pseudoRandomBytes(512 - 8, seed)]);
  const directory = Buffer.concat([oleDirectoryEntry('Root Entry', 5), ...streams.map((name) => oleDirectoryEntry(name, 2))]);
  return Buffer.concat([header, directory, Buffer.alloc(512 - (directory.length % 512)), pseudoRandomBytes(4096, seed + 10)]);
}

async function makeBadCorpus(): Promise<void> {
  await mkdir(badDir, { recursive: true });
  const oldExcel = oleFile(['Workbook', '\u0005SummaryInformation'], 1);
  await writeFile(join(badDir, 'old.xls'), oldExcel);
  // An old workbook renamed to .xlsx (as people do to "convert" it): still the old format.
  await writeFile(join(badDir, 'renamed-xls.xlsx'), oldExcel);
  await writeFile(join(badDir, 'password-protected.xlsx'), oleFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces'], 2));
  await writeFile(join(badDir, 'spreadsheet.ods'), await zipOf({
    mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    'content.xml': '<?xml version="1.0"?><office:document-content/>',
    'META-INF/manifest.xml': '<?xml version="1.0"?><manifest:manifest/>',
  }));
  await writeFile(join(badDir, 'not-a-workbook.xlsx'), await zipOf({ 'readme.txt': 'just a zip' }));
  const good = await readFile(join(fixturesDir, 'hires-ru.xlsx'));
  await writeFile(join(badDir, 'truncated.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
  // A workbook whose central directory declares a 600 MB sheet: refused before anything is inflated.
  const bomb = await zipOf({
    '[Content_Types].xml': '<Types/>',
    'xl/workbook.xml': '<workbook/>',
    'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>',
  });
  const bombPatched = Buffer.from(bomb);
  for (let offset = bombPatched.length - 22; offset >= 0; offset--) {
    if (bombPatched.readUInt32LE(offset) !== 0x02014b50) continue;
    const nameLength = bombPatched.readUInt16LE(offset + 28);
    if (bombPatched.toString('utf8', offset + 46, offset + 46 + nameLength) === 'xl/worksheets/sheet1.xml') {
      bombPatched.writeUInt32LE(600 * 1024 * 1024, offset + 24);
    }
  }
  await writeFile(join(badDir, 'zip-bomb.xlsx'), bombPatched);
  await writeFile(join(badDir, 'binary.csv'), pseudoRandomBytes(2048, 3));
  await writeFile(join(badDir, 'empty.csv'), '');
  await writeFile(join(badDir, 'header-only.csv'), 'Email;Имя;Фамилия\r\n');
  await writeFile(join(badDir, 'no-email-column.csv'), 'Имя;Фамилия;Отдел\r\nИван;Петров;Продажи\r\n');
  // 1.2 MB in one cell: over the 1 MB cell limit (kept small so the repository stays light).
  await writeFile(join(badDir, 'huge-cell.csv'), `Email,Имя\r\nbig.cell@example.ru,${'x'.repeat(1_200_000)}\r\n`);
}

await mkdir(fixturesDir, { recursive: true });
await makeHiresRuXlsx();
await makeHires1251Csv();
await makeHiresEnCsv();
await makeExcelRuExportCsv();
await makeHandEditedCsv();
await makeQuirksXlsx();
await makeOtherEncodings();
await makeMessyCsv();
await makeBadCorpus();
console.log(`fixtures written to ${fixturesDir}`);
