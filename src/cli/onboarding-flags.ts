// The import's chat, photo and offboarding flags (issue 15): their yargs options, the checks that
// need more than one of them, and the PlanOptions they make.
import { resolve } from 'node:path';
import type { PlanOptions, TagsMode } from '../sync/plan.js';
import { fileFlag, FlagError } from './flag-values.js';

export interface OnboardingArgs {
  chats?: TagsMode;
  offboard?: boolean;
  'leave-chats'?: boolean;
  photos?: string;
  'photos-key'?: string;
  'photos-overwrite'?: boolean;
}

export const onboardingOptions = {
  chats: { requiresArg: true, choices: ['merge', 'replace'] as const, defaultDescription: 'merge', describe: "merge: an existing person joins the chats the chats column names; replace: also leaves the chats the token sees that it does not name" },
  offboard: { type: 'boolean', defaultDescription: 'false', describe: 'With --suspend-missing: offboard the people missing from the sheet (suspend, remove from every tag, clear the status; --leave-chats: leave every chat)' },
  'leave-chats': { type: 'boolean', defaultDescription: 'false', describe: 'Offboarding (action = offboard, or --offboard) also removes the person from every chat the token sees' },
  photos: { type: 'string', requiresArg: true, coerce: fileFlag('photos'), describe: 'Folder of JPEG/PNG photos named by e-mail (or by --photos-key), e.g. anna@acme.ru.jpg; a person with a photo keeps it' },
  'photos-key': { type: 'string', requiresArg: true, describe: 'The column whose value names the photo files in --photos, e.g. "Табельный номер" (default: the e-mail)' },
  'photos-overwrite': { type: 'boolean', defaultDescription: 'false', describe: 'Upload the photo also for people who already have one' },
} as const;

export function checkOnboardingArguments(argv: Partial<OnboardingArgs> & { 'suspend-missing'?: boolean }): void {
  if (argv.offboard && !argv['suspend-missing']) throw new FlagError('--offboard goes with --suspend-missing (offboard the people missing from the sheet); a row offboards with action = offboard');
  if (argv['photos-key'] !== undefined && argv.photos === undefined) throw new FlagError('--photos-key names the files of a --photos folder: give --photos DIR too');
}

/** The PlanOptions fields these flags set (absent ones left out, so plan.json stays as before). */
export function onboardingPlanOptions(argv: OnboardingArgs): Partial<PlanOptions> {
  const photos = argv.photos !== undefined || argv['photos-overwrite'] !== undefined;
  return {
    ...(argv.chats !== undefined ? { chats: argv.chats } : {}),
    ...(argv.offboard ? { offboard: true } : {}),
    ...(argv['leave-chats'] ? { leaveChats: true } : {}),
    ...(photos ? {
      photos: {
        ...(argv.photos !== undefined ? { dir: resolve(argv.photos) } : {}),
        ...(argv['photos-key'] !== undefined ? { key: argv['photos-key'] } : {}),
        overwrite: argv['photos-overwrite'] === true,
      },
    } : {}),
  };
}

/** Which of these flags were given, for a --resume's check. */
export function givenOnboardingFlags(argv: OnboardingArgs): Record<string, boolean> {
  return {
    '--chats': argv.chats !== undefined,
    '--offboard': argv.offboard !== undefined,
    '--leave-chats': argv['leave-chats'] !== undefined,
    '--photos': argv.photos !== undefined,
    '--photos-key': argv['photos-key'] !== undefined,
    '--photos-overwrite': argv['photos-overwrite'] !== undefined,
  };
}
