// Справка команд sandbox и demo.
import type { helpSandboxEn } from './helpSandbox.en.js';

export const helpSandboxRu: typeof helpSandboxEn = {
  helpSandbox: {
    host: 'Адрес, на котором слушать (0.0.0.0 — чтобы было видно с других машин)',
    port: 'Порт; 0 — любой свободный (первая строка вывода его называет)',
    state: 'Хранить справочник в этом JSON-файле: читается при запуске, если есть (тогда --seed не используется), записывается после каждого изменения и при выходе',
    seed: 'Начать с этого справочника в JSON (users, tags, customProperties, chats), например fixtures/directory.json',
    adminToken: 'Токен владельца пространства (роль admin, все права); если не задан — случайный',
    botToken: 'Токен бота (только чтение; почту и телефон видит как null); если не задан — случайный',
    admin2Token: 'Токен второго администратора, НЕ владельца (его PUT/DELETE владельца получает 403 owner_protected); если не задан — нет',
    rps: 'Запросов в секунду на токен (корзина токенов, всплеск = rps); сверх того — 429 с Retry-After',
    latencyMs: 'Задерживать каждый ответ API на столько мс, как при дальней сети',
    faults: 'Сбои с такими частотами (0..1), например 5xx=0.05,reset=0.02: 5xx (500/502/503, ничего не сделано), reset (соединение оборвано, ничего не сделано), lost (сделано, ответ потерян), slow (ответ задержан на --slow-ms)',
    faultSeed: 'Начальное число для выбора сбоев, чтобы запуск со сбоями повторялся',
    slowMs: 'Насколько сбой slow задерживает ответ, в мс',
    legacyPagination: 'Постраничная выдача как у старых серверов: только next_page, конец — пустая страница',
    plan: 'Тариф пространства: журнал безопасности есть только у "corporation"; при "other" GET /audit_events отвечает 402 payment_required',
    owner403: 'Тело ответа 403 на PUT/DELETE владельца другим администратором: oauth ({error, error_description}, как описано у методов users) или api (ApiError owner_protected)',
    shortPages: 'Отдавать страницы короче limit и пустые страницы с has_next: true посреди списка (документация допускает и то и другое)',
    putDefaults: 'Поле, пропущенное в PUT /users, получает значение по умолчанию из спецификации (suspended: false разблокирует)',
    seats: 'Оплаченных мест: создание и восстановление сверх стольких активных сотрудников получают 422 licenses_limit',
    seatsDefault: 'без ограничения',
    unpaid: 'Пространство не оплачено: все методы API отвечают 402 payment_required',
    examples: [
      ['$0 sandbox', 'Пустое пространство (владелец, один бот, дополнительные поля Город/Табельный номер/Дата выхода) на http://127.0.0.1:8787'],
      ['$0 sandbox --seed fixtures/directory.json --state sandbox-state.json', 'Правдоподобная демонстрационная компания; изменения переживают перезапуск'],
      ['$0 sandbox --port 0 --admin-token dev-admin --bot-token dev-bot', 'Свободный порт и заданные токены'],
      ['$0 sandbox --seats 10 --short-pages --put-defaults', 'Пространство с 10 оплаченными местами, выдача страниц и значения по умолчанию так строго, как позволяет документация'],
      ['$0 sandbox --rps 10 --latency-ms 80 --faults 5xx=0.05,reset=0.02,lost=0.02,slow=0.01 --fault-seed 7', 'Враждебная сеть для проверки повторов'],
    ],
    epilogue: 'Первая строка вывода — "Pachca sandbox listening on http://HOST:PORT/api/shared/v1", затем принимаемые токены; '
      + 'направьте на неё программу через --api-url (или PACHCA_API_URL) с токеном администратора. Работает до Ctrl+C (SIGINT) или SIGTERM, затем сохраняет --state.\n\n'
      + 'Служебные адреса (вне пути API): POST /__sandbox/reset (назад к --seed или пустому пространству, статистика обнуляется), GET /__sandbox/stats, '
      + 'GET /__sandbox/directory, GET /__sandbox/requests, GET /__sandbox/outbox (отправленные письма-приглашения), '
      + 'POST /__sandbox/accept-invites (все приглашения или {"emails": [...]}), '
      + 'POST /__sandbox/configure с JSON вида {"rps": 10, "latencyMs": 50, "faults": "5xx=0.1", "faultSeed": 1, "slowMs": 2000, "legacyPagination": true, '
      + '"owner403": "api", "shortPages": true, "putDefaults": true, "seats": 10, "unpaid": false}. '
      + 'Они отвечают только на запросы к 127.0.0.1, localhost или [::1] (или --host) с этим портом и не с других веб-источников; POST требует Content-Type: application/json.',
  },
  helpDemo: {
    out: 'Папка запуска для отчёта импорта и выгрузки',
    examples: [
      ['$0 demo', 'Песочница в этом же процессе на свободном порту: импорт fixtures/hires-ru.xlsx, затем выгрузка справочника в directory-export.xlsx в папке запуска'],
    ],
  },
};
