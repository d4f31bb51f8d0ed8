// The English catalog: the source of the catalog's shape. Its messages live in area modules
// (areas/<area>.en.ts, each with a Russian twin areas/<area>.ru.ts typed `: typeof <area>En`),
// one spread line per area here and in ru.ts. Keys are unique across areas (test/i18n.test.ts
// fails on a clash, which a spread would hide).
import { auditEn } from './areas/audit.en.js';
import { basisEn } from './areas/basis.en.js';
import { cliEn } from './areas/cli.en.js';
import { errorsEn } from './areas/errors.en.js';
import { exportEn } from './areas/export.en.js';
import { helpCliEn } from './areas/helpCli.en.js';
import { helpImportEn } from './areas/helpImport.en.js';
import { helpOnboardingEn } from './areas/helpOnboarding.en.js';
import { helpReadEn } from './areas/helpRead.en.js';
import { helpSandboxEn } from './areas/helpSandbox.en.js';
import { countsEn } from './areas/counts.en.js';
import { photosEn } from './areas/photos.en.js';
import { planEn } from './areas/plan.en.js';
import { recordsEn } from './areas/records.en.js';
import { runEn } from './areas/run.en.js';
import { validateEn } from './areas/validate.en.js';
import { reportEn } from './areas/report.en.js';
import { templateEn } from './areas/template.en.js';
import { webEn } from './areas/web.en.js';
import { wordsEn } from './areas/words.en.js';

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
  ...runEn,
  ...validateEn,
  ...errorsEn,
  ...exportEn,
  ...webEn,
  ...helpOnboardingEn,
  ...basisEn,
};
