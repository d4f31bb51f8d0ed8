// Заметки к результату строки после применения (те же ключи, что в applyNotes.en.ts).
import type { applyNotesEn } from './applyNotes.en.js';

export const applyNotesRu: typeof applyNotesEn = {
  applyNotAttemptedInterrupted: 'не выполнялось: запуск прерван; завершите его с --resume',
  applyNotAttemptedStopped: (reason) => `не выполнялось: запуск остановлен (${reason}); завершите его с --resume`,
  applyStepFailed: (what, result, error) => `${result ? `${result}, но ` : ''}${what}: ошибка: ${error}`,
  applyStepNotDoneYet: (what, stopped) => `${what}: ещё не сделано, запуск ${stopped ? 'остановлен' : 'прерван'} (--resume доделает)`,
  applyWhatPhoto: 'фото',
  applyWhatStatus: 'статус',
  applyWhatChat: (join, chat) => `${join ? 'вход в чат' : 'выход из чата'} ${chat}`,
  applyPhotoUploaded: 'фото загружено',
  applyPhotoNotUploaded: (reason) => `предупреждение: фото не загружено: ${reason}`,
  applyWelcomeSent: 'приветствие отправлено',
  applyWelcomeInterrupted: 'приветствие не отправлено: запуск прерван (--resume отправит его)',
  applyWelcomeFailed: (error) => `приветствие не отправлено: ${error}`,
  applyTagRenamed: (before, after) => `переименован: «${before}» -> «${after}»`,
  applyTagCreated: (id) => `ID тега ${id}`,
  applyRenamedEarlier: (renamed) => `${renamed} (при прошлой попытке)`,
  applyDeletedEarlier: 'удалён при прошлой попытке',
  applyCreatedEarlier: 'создан при прошлой попытке',
  applyTagAlreadyGone: 'уже удалён (кем-то другим)',
  applyTagNotCreated: (name, error) => `тег «${name}» не удалось создать: ${error}`,
  applyTagNotRenamed: (name, error) => `тег «${name}» не удалось переименовать: ${error}`,
  applyFailedWord: 'ошибка',
  applyDoneEarlier: 'выполнено при прошлой попытке этого запуска',
  applyDoneEarlierUnjournaled: 'выполнено при прошлой попытке этого запуска, остановленной до записи в журнал',
  applyNoFreeSeats: (needed) => `нет свободных мест: нужно ещё ${needed} (лимит лицензий пространства; освободите или купите места, затем запустите --resume)`,
};
