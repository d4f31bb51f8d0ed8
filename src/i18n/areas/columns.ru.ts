// Сопоставление заголовков таблицы со столбцами (--map, --mapping): те же ключи, что в columns.en.ts.
import type { columnsEn } from './columns.en.js';

export const columnsRu: typeof columnsEn = {
  columnUnknown: 'неизвестный столбец: сохранён как возможное дополнительное поле (если это один из обычных столбцов, укажите --map "Заголовок=столбец")',
  columnAlsoMaps: (column, earlier) => `тоже означает ${column}, но его уже занял «${earlier}»; этот столбец не читается`,
  columnMapMissing: (header, headers) => `--map/--mapping называет столбец «${header}», которого в файле нет (опечатка?); столбцы файла: ${headers}`,
  columnTargetUnknown: (where, target, columns) => `${where}: неизвестный столбец «${target}» (укажите один из ${columns} или custom:ИМЯ)`,
  columnMapFlagShape: (flag) => `--map "${flag}": ожидается "Заголовок=столбец", например --map "Рабочий e-mail=email"`,
  columnMappingNotFound: (file) => `--mapping ${file}: файл не найден`,
  columnMappingNotJson: (file) => `--mapping ${file}: это не JSON`,
  columnMappingShape: (file) => `--mapping ${file}: ожидается объект JSON {"Заголовок": "столбец"}`,
  columnMappingValue: (file, header) => `--mapping ${file}: значение для «${header}» должно быть названием столбца (строкой)`,
  columnCustomMissing: (file, header, name, known) => `${file}: столбец «${header}» указан как дополнительное поле «${name}», но в Пачке такого поля нет (есть: ${known})`,
  columnCustomNamedMissing: (file, header, name) => `${file}: столбец «${header}» называет дополнительное поле «${name}», которого в Пачке нет`,
};
