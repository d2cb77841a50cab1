import { configureLocalization, msg as litMsg, str, type LocaleModule } from '@lit/localize';
import type { TranslationTable } from '../locales/translation-table.js';

export { str };

type StrResult = ReturnType<typeof str>;

/** A message's id is its English source, values marked `{0}`, `{1}`… (the keys of the locale tables). */
function messageId(template: string | StrResult): string {
  if (typeof template === 'string') return template;
  return template.strings.map((part, i) => (i === 0 ? part : `{${i - 1}}${part}`)).join('');
}

/**
 * A translatable string: `msg('Refresh')`, or with values `msg(str`Move ${title}`)`. The
 * English source is the id, so the translation tables are keyed by what a translator reads.
 */
export function msg(template: string | StrResult): string {
  return litMsg(template as StrResult, { id: messageId(template) });
}

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
  const templates: Record<string, unknown> = Object.create(null);
  for (const [source, target] of Object.entries(table)) {
    const parts = target.split(PLACEHOLDER);
    templates[source] =
      parts.length === 1
        ? target
        : { strTag: true, strings: parts.filter((_, i) => i % 2 === 0), values: parts.filter((_, i) => i % 2 === 1).map(Number) };
  }
  const missing = missingTranslations.get(locale) ?? new Set<string>();
  missingTranslations.set(locale, missing);
  const recorded = new Proxy(templates, {
    get(target, id) {
      if (typeof id === 'string' && !Object.hasOwn(target, id)) missing.add(id);
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
