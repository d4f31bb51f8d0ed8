// The English catalog: the source of the catalog's shape. Its messages live in area modules
// (areas/<area>.en.ts, each with a Russian twin areas/<area>.ru.ts typed `: typeof <area>En`),
// one spread line per area here and in ru.ts. Keys are unique across areas (test/i18n.test.ts
// fails on a clash, which a spread would hide).
import { auditEn } from './areas/audit.en.js';
import { basisEn } from './areas/basis.en.js';
import { cliEn } from './areas/cli.en.js';
import { columnsEn } from './areas/columns.en.js';
import { syncErrorsEn } from './areas/syncErrors.en.js';
import { tagsSheetEn } from './areas/tagsSheet.en.js';
import { securityLogWordsEn } from './areas/securityLogWords.en.js';
import { applyNotesEn } from './areas/applyNotes.en.js';
import { apiErrorsEn } from './areas/apiErrors.en.js';
import { errorsEn } from './areas/errors.en.js';
import { exportEn } from './areas/export.en.js';
import { fieldsEn } from './areas/fields.en.js';
import { helpCliEn } from './areas/helpCli.en.js';
import { helpImportEn } from './areas/helpImport.en.js';
import { helpOnboardingEn } from './areas/helpOnboarding.en.js';
import { helpReadEn } from './areas/helpRead.en.js';
import { helpSandboxEn } from './areas/helpSandbox.en.js';
import { helpWriteEn } from './areas/helpWrite.en.js';
import { lookupEn } from './areas/lookup.en.js';
import { sheetsEn } from './areas/sheets.en.js';
import { securityLogEn } from './areas/securityLog.en.js';
import { demoRunEn } from './areas/demoRun.en.js';
import { planNotesEn } from './areas/planNotes.en.js';
import { countsEn } from './areas/counts.en.js';
import { photosEn } from './areas/photos.en.js';
import { planEn } from './areas/plan.en.js';
import { recordsEn } from './areas/records.en.js';
import { runEn } from './areas/run.en.js';
import { validateEn } from './areas/validate.en.js';
import { reportEn } from './areas/report.en.js';
import { templateEn } from './areas/template.en.js';
import { webEn } from './areas/web.en.js';
import { webServerEn } from './areas/webServer.en.js';
import { wordsEn } from './areas/words.en.js';
import { workbookEn } from './areas/workbook.en.js';

export type { TemplateNoteColumn } from './areas/template.en.js';

export const en = {
  ...cliEn,
  ...wordsEn,
  ...reportEn,
  ...planEn,
  ...photosEn,
  ...countsEn,
  ...templateEn,
  ...auditEn,
  ...helpCliEn,
  ...helpImportEn,
  ...helpReadEn,
  ...helpSandboxEn,
  ...recordsEn,
  ...columnsEn,
  ...sheetsEn,
  ...basisEn,
  ...runEn,
  ...validateEn,
  ...errorsEn,
  ...apiErrorsEn,
  ...syncErrorsEn,
  ...tagsSheetEn,
  ...securityLogWordsEn,
  ...applyNotesEn,
  ...exportEn,
  ...fieldsEn,
  ...webEn,
  ...webServerEn,
  ...helpOnboardingEn,
  ...basisEn,
  ...workbookEn,
  ...helpWriteEn,
  ...lookupEn,
  ...securityLogEn,
  ...demoRunEn,
  ...planNotesEn,
};
