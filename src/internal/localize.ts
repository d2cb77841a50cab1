import { configureLocalization, type LocaleModule } from '@lit/localize';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import type { TranslationTable } from '../locales/translation-table.js';

export { msg, str } from '@lit/localize';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de', 'ja'] as const;
export type SupportedLocale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];

const loaders: Record<(typeof TARGET_LOCALES)[number], () => Promise<{ translations: TranslationTable }>> = {
  de: () => import('../locales/de.js'),
  ja: () => import('../locales/ja.js'),
};

const PLACEHOLDER = /\{(\d+)\}/g;

/** Source strings whose translation was asked for but is missing, per locale (for tests). */
export const missingTranslations = new Map<string, Set<string>>();

/**
 * Turns a table keyed by English source (`{0}` marks the n-th value) into lit-localize
 * templates, and records every lookup that finds no translation.
 */
function toLocaleModule(locale: string, table: TranslationTable): LocaleModule {
  const templates: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [source, target] of Object.entries(table)) {
    const id = generateMsgId(source.split(PLACEHOLDER).filter((_, i) => i % 2 === 0), false);
    sources.set(id, source);
    const parts = target.split(PLACEHOLDER);
    templates[id] =
      parts.length === 1
        ? target
        : { strTag: true, strings: parts.filter((_, i) => i % 2 === 0), values: parts.filter((_, i) => i % 2 === 1).map(Number) };
  }
  const missing = missingTranslations.get(locale) ?? new Set<string>();
  missingTranslations.set(locale, missing);
  const recorded = new Proxy(templates, {
    get(target, id) {
      if (typeof id === 'string' && !(id in target)) missing.add(id);
      return Reflect.get(target, id);
    },
  });
  return { templates: recorded } as unknown as LocaleModule;
}

const { getLocale, setLocale: setLitLocale } = configureLocalization({
  sourceLocale: SOURCE_LOCALE,
  targetLocales: TARGET_LOCALES,
  loadLocale: async (locale) => {
    const { translations } = await loaders[locale as (typeof TARGET_LOCALES)[number]]();
    return toLocaleModule(locale, translations);
  },
});

export { getLocale };

/** True for a locale the library ships. */
export function isSupportedLocale(locale: string): locale is SupportedLocale {
  return locale === SOURCE_LOCALE || (TARGET_LOCALES as readonly string[]).includes(locale);
}

/**
 * Switches every element of the library to `locale` at runtime. An unsupported locale
 * falls back to its language (`de-AT` → `de`), else to English, with a warning.
 */
export async function setLocale(locale: string): Promise<void> {
  const language = locale.split('-')[0];
  const chosen = isSupportedLocale(locale) ? locale : isSupportedLocale(language) ? language : SOURCE_LOCALE;
  if (chosen !== locale && chosen === SOURCE_LOCALE) {
    console.warn(`[cic] locale "${locale}" is not available; using ${SOURCE_LOCALE}.`);
  }
  await setLitLocale(chosen);
}
