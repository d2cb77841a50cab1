const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * `url` if it is safe to put in an `href` — http(s), mailto, tel, or relative to the page —
 * else `undefined`. Data never becomes a `javascript:` or `data:` link.
 */
export function safeHref(url: unknown, allowed: ReadonlySet<string> = SAFE_SCHEMES): string | undefined {
  if (typeof url !== 'string' || !url) return undefined;
  const trimmed = url.trim();
  try {
    const parsed = new URL(trimmed, document.baseURI);
    return allowed.has(parsed.protocol) ? trimmed : undefined;
  } catch {
    return undefined;
  }
}

/** Only web pages: for a customer's URL, which opens in a new tab. */
export const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * Fills a host's URL template: every `{name}` becomes the URL-encoded value of `values.name`.
 * Returns `undefined` when there is no template or the result is not a safe link.
 */
export function fillUrlTemplate(template: string | undefined, values: Record<string, string | undefined>) {
  if (!template) return undefined;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  return safeHref(filled);
}
