// Что не так с фото строки (--photos ПАПКА, столбец фото): те же ключи, что в photos.en.ts.
import type { photosEn } from './photos.en.js';
import { ruOneDecimal } from '../ru-numbers.js';

export const photosRu: typeof photosEn = {
  photoNotFound: (path) => `файл ${path} не найден`,
  photoNotFile: (path) => `${path} — не файл`,
  photoEmpty: (path) => `файл ${path} пуст`,
  photoNotImage: (path) => `файл ${path} — не изображение JPEG или PNG`,
  photoUnreadable: (path, code) => `файл ${path} не читается (${code})`,
  photoTooBig: (path, size, limit) => `файл ${path} занимает ${ruOneDecimal(size)} МБ, больше допустимых ${ruOneDecimal(limit)} МБ`,
  photoNoneInFolder: (key, folder) => `нет фото для ${key} в ${folder}`,
  photoSeveral: (count, key, paths) => `${count} фото для ${key} (${paths}): оставьте одно`,
  photoNoKey: (column) => `пусто в столбце ${column}, по которому ищется фото`,
  photoRowNote: (problem) => `предупреждение: фото: ${problem}`,
  photoPlanWarning: (row, who, problem) => `строка ${row}${who ? ` ${who}` : ''}: фото не будет загружено: ${problem}`,
};
