// The import's chat, photo and offboarding flags (issue 15): their yargs options, the checks that
// need more than one of them, and the PlanOptions they make.
import { resolve } from 'node:path';
import type { PlanOptions, TagsMode } from '../sync/plan.js';
import type { Catalog } from '../i18n/catalog.js';
import { fileFlag, FlagError } from './flag-values.js';

export interface OnboardingArgs {
  chats?: TagsMode;
  offboard?: boolean;
  'leave-chats'?: boolean;
  photos?: string;
  'photos-key'?: string;
  'photos-overwrite'?: boolean;
}

export function onboardingOptionsIn(t: Catalog) {
  const help = t.helpOnboarding;
  return {
    chats: { requiresArg: true, choices: ['merge', 'replace'] as const, defaultDescription: 'merge', describe: help.chats },
    offboard: { type: 'boolean', defaultDescription: 'false', describe: help.offboard },
    'leave-chats': { type: 'boolean', defaultDescription: 'false', describe: help.leaveChats },
    photos: { type: 'string', requiresArg: true, coerce: fileFlag('photos'), describe: help.photos },
    'photos-key': { type: 'string', requiresArg: true, describe: help.photosKey },
    'photos-overwrite': { type: 'boolean', defaultDescription: 'false', describe: help.photosOverwrite },
  } as const;
}

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
