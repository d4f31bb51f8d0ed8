// Русский текст области cli (те же ключи, что в cli.en.ts).
import type { cliEn } from './cli.en.js';

export const cliRu: typeof cliEn = {
  cliUsage: '$0 <команда> [параметры]\n\nПриводит справочник сотрудников Пачки в соответствие с таблицами отдела кадров.',
  cliNameACommand: 'укажите команду (import, plan, validate, export, audit, template, sandbox, demo)',
  cliEpilogue: 'Коды выхода: 0 успешно, 1 критическая ошибка, 2 ошибка в команде или во входных данных, 3 ошибка авторизации или не хватает прав токена, 5 завершено, но часть строк с ошибками.\nДокументация: README.ru.md',
  cliLangOption: 'Язык сообщений и отчётов: ru или en (переменная PACHCA_ROSTER_LANG; по умолчанию по локали: ru_* — русский, иначе английский)',
  errorPrefix: 'Ошибка',

  usageHelpCommand: (command) => `Справка: pachca-roster ${command} --help`,
  usageHelpCommands: 'Список команд: pachca-roster --help',
  usageUnknownFlagNoCommand: (flag, commands) => `неизвестный параметр ${flag}; сначала укажите команду (${commands})`,
  usageUnknownCommand: (name, suggestion) => `неизвестная команда «${name}»${suggestion ? `; может быть, ${suggestion}?` : ''}`,
  usageDoesNotTake: (command, given, more, takes) => `${command} не принимает здесь «${given}»${more}; команда принимает ${takes}`,
  usageTakesNothing: 'только параметры, без файла и других аргументов',
  usageTakesOne: (what) => `один аргумент ${what}`,
  usageAndMore: (list) => ` (и ещё ${list})`,
  usageUnknownFlag: (flag, command, suggestion) => `неизвестный параметр ${flag} у команды ${command}${suggestion ? ` (может быть, ${suggestion}?)` : ''}`,
  usageNotOneOf: (flag, given, choices, suggestion) => `${flag} «${given}» — не из списка: ${choices}${suggestion ? ` (может быть, ${suggestion}?)` : ''}`,
  usageNeedsValue: (flag) => `у параметра ${flag} нет значения`,
  usageNeedsPositional: (command, takes, example) => `команде ${command} нужен ${takes}: ${example}`,
  usageInvalidArguments: 'неверные аргументы',
  usagePositional: (name) =>
    ({ file: 'ФАЙЛ', dir: 'ПАПКА', query: 'ЗАПРОС', tag: 'ТЕГ', person: 'СОТРУДНИК', fields: 'ПОЛЯ', op: 'ДЕЙСТВИЕ', people: 'СОТРУДНИКИ' } as Record<string, string>)[name] ?? name.toUpperCase(),
};
