// What the web page's server itself says (src/web): refused requests, the
// audit answer's labels. The page's own words are in web.en.ts (sent to the page as /api/strings).

export const webServerEn = {
  webServerNoPlan: 'No plan was made.',
  webServerRequest: 'the request',
  webServerMaxSuspend: (value: string) => `"At most" takes a number of people (5) or a share (10%), not "${value}".`,
  webServerNeverActive: 'never',
  webServerNoDepartment: '(no department)',
};
