// What is wrong with a row's photo (--photos DIR, the photo column): the plan's warnings, the
// row's note in plan.xlsx and the report.
export const photosEn = {
  photoNotFound: (path: string) => `photo ${path} not found`,
  photoNotFile: (path: string) => `photo ${path} is not a file`,
  photoEmpty: (path: string) => `photo ${path} is empty`,
  photoNotImage: (path: string) => `photo ${path} is not a JPEG or PNG image`,
  photoUnreadable: (path: string, code: string) => `photo ${path} cannot be read (${code})`,
  photoTooBig: (path: string, megabytes: number, limit: number) => `photo ${path} is ${megabytes.toFixed(1)} MB, more than the ${limit.toFixed(1)} MB allowed`,
  photoNoneInFolder: (key: string, folder: string) => `no photo for ${key} in ${folder}`,
  photoSeveral: (count: number, key: string, paths: string) => `${count} photos for ${key} (${paths}): keep one`,
  photoNoKey: (column: string) => `no ${column} to find the photo by`,
  /** A row's note (the report's message column). */
  photoRowNote: (problem: string) => `warning: photo: ${problem}`,
  /** A plan warning (terminal, plan.xlsx). */
  photoPlanWarning: (row: number, who: string, problem: string) => `row ${row}${who ? ` ${who}` : ''}: ${problem} (not uploaded)`,
};
