import type { TranslationTable } from './translation-table.js';

/** German, for helpdesk agents. */
export const translations: TranslationTable = {
  Loading: 'Wird geladen',
  Retry: 'Erneut versuchen',
  None: 'Keine',
  'The data source is unavailable.': 'Die Datenquelle ist nicht erreichbar.',
  'The request timed out.': 'Die Anfrage hat zu lange gedauert.',
  'Too many requests. Try again in {0} s.': 'Zu viele Anfragen. Erneut versuchen in {0} s.',
  'You are not allowed to see this.': 'Sie haben keine Berechtigung, dies zu sehen.',
  'Not found.': 'Nicht gefunden.',
  'Something went wrong.': 'Etwas ist schiefgelaufen.',
};
