// Regenerates templates/ from the same code as `pachca-roster template`: npx tsx scripts/make-templates.ts
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defaultTemplateName, writeTemplate, type TemplateFormat, type TemplateLanguage } from '../src/records/template.js';

const templatesDir = fileURLToPath(new URL('../templates', import.meta.url));
for (const language of ['ru', 'en'] as TemplateLanguage[]) {
  for (const format of ['xlsx', 'csv'] as TemplateFormat[]) {
    const path = join(templatesDir, defaultTemplateName(language, format));
    await writeTemplate(path, language, format);
    console.log(`wrote ${path}`);
  }
}
