import type { TranslationTable } from './translation-table.js';

/** Japanese, for helpdesk agents. */
export const translations: TranslationTable = {
  Loading: '読み込み中',
  Retry: '再試行',
  None: 'なし',
  'The data source is unavailable.': 'データソースに接続できません。',
  'The request timed out.': 'リクエストがタイムアウトしました。',
  'Too many requests. Try again in {0} s.': 'リクエストが多すぎます。{0} 秒後に再試行してください。',
  'You are not allowed to see this.': 'これを表示する権限がありません。',
  'Not found.': '見つかりません。',
  'Something went wrong.': 'エラーが発生しました。',
};
