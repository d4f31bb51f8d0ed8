// Русский каталог: те же области и ключи, что в en.ts (недостающий ключ — ошибка типов).
import type { Catalog } from './catalog.js';
import { auditRu } from './areas/audit.ru.js';
import { basisRu } from './areas/basis.ru.js';
import { cliRu } from './areas/cli.ru.js';
import { columnsRu } from './areas/columns.ru.js';
import { syncErrorsRu } from './areas/syncErrors.ru.js';
import { tagsSheetRu } from './areas/tagsSheet.ru.js';
import { securityLogWordsRu } from './areas/securityLogWords.ru.js';
import { applyNotesRu } from './areas/applyNotes.ru.js';
import { apiErrorsRu } from './areas/apiErrors.ru.js';
import { errorsRu } from './areas/errors.ru.js';
import { exportRu } from './areas/export.ru.js';
import { fieldsRu } from './areas/fields.ru.js';
import { helpCliRu } from './areas/helpCli.ru.js';
import { helpImportRu } from './areas/helpImport.ru.js';
import { helpOnboardingRu } from './areas/helpOnboarding.ru.js';
import { helpReadRu } from './areas/helpRead.ru.js';
import { helpSandboxRu } from './areas/helpSandbox.ru.js';
import { helpWriteRu } from './areas/helpWrite.ru.js';
import { lookupRu } from './areas/lookup.ru.js';
import { sheetsRu } from './areas/sheets.ru.js';
import { securityLogRu } from './areas/securityLog.ru.js';
import { demoRunRu } from './areas/demoRun.ru.js';
import { planNotesRu } from './areas/planNotes.ru.js';
import { countsRu } from './areas/counts.ru.js';
import { photosRu } from './areas/photos.ru.js';
import { planRu } from './areas/plan.ru.js';
import { recordsRu } from './areas/records.ru.js';
import { runRu } from './areas/run.ru.js';
import { validateRu } from './areas/validate.ru.js';
import { reportRu } from './areas/report.ru.js';
import { templateRu } from './areas/template.ru.js';
import { webRu } from './areas/web.ru.js';
import { webServerRu } from './areas/webServer.ru.js';
import { wordsRu } from './areas/words.ru.js';
import { workbookRu } from './areas/workbook.ru.js';

export const ru: Catalog = {
  ...cliRu,
  ...wordsRu,
  ...reportRu,
  ...planRu,
  ...photosRu,
  ...countsRu,
  ...templateRu,
  ...auditRu,
  ...helpCliRu,
  ...helpImportRu,
  ...helpReadRu,
  ...helpSandboxRu,
  ...recordsRu,
  ...columnsRu,
  ...sheetsRu,
  ...basisRu,
  ...runRu,
  ...validateRu,
  ...errorsRu,
  ...apiErrorsRu,
  ...syncErrorsRu,
  ...tagsSheetRu,
  ...securityLogWordsRu,
  ...applyNotesRu,
  ...exportRu,
  ...fieldsRu,
  ...webRu,
  ...webServerRu,
  ...helpOnboardingRu,
  ...basisRu,
  ...workbookRu,
  ...helpWriteRu,
  ...lookupRu,
  ...securityLogRu,
  ...demoRunRu,
  ...planNotesRu,
};
