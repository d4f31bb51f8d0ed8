// The audit files.
export const auditEn = {
  htmlLang: 'en',
};
