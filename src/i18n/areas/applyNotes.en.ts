// The notes a row's outcome carries after apply (report.csv's message column; src/sync/apply.ts,
// apply-side.ts, seats.ts). The journal keeps its own English text.

export const applyNotesEn = {
  applyNotAttemptedInterrupted: 'not attempted: the run was interrupted; finish it with --resume',
  applyNotAttemptedStopped: (reason: string) => `not attempted: the run stopped (${reason}); finish it with --resume`,
  /** `result`: the row's result word when its own request was done before the step failed. */
  applyStepFailed: (what: string, result: string | undefined, error: string) => `${result ? `${result}, but ` : ''}${what} failed: ${error}`,
  applyStepNotDoneYet: (what: string, stopped: boolean) => `${what} not done yet: the run ${stopped ? 'stopped' : 'was interrupted'} (--resume does it)`,
  applyWhatPhoto: 'the photo',
  applyWhatStatus: 'the status',
  applyWhatChat: (join: boolean, chat: string) => `${join ? 'joining' : 'leaving'} chat ${chat}`,
  applyPhotoUploaded: 'photo uploaded',
  applyPhotoNotUploaded: (reason: string) => `warning: photo not uploaded: ${reason}`,
  applyWelcomeSent: 'welcome message sent',
  applyWelcomeInterrupted: 'welcome message not sent: the run was interrupted (--resume sends it)',
  applyWelcomeFailed: (error: string) => `welcome message failed: ${error}`,
  applyNoFreeSeats: (needed: number) => `no free seats: ${needed} needed (the workspace's licence limit; free or buy seats, then run --resume)`,
};
