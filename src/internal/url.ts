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

/** A plain email address: no spaces, no URL syntax (`?`, `&`, `#`, `/`, `:`…) that could add headers. */
const PLAIN_EMAIL = /^[^\s@?&#/:;,<>"'%\\]+@[^\s@?&#/:;,<>"'%\\]+\.[^\s@?&#/:;,<>"'%\\]+$/;
/** A phone number as people write it: digits, spaces, `+ - . ( )` and `/`. */
const PLAIN_PHONE = /^\+?[\d\s\-./()]{3,40}$/;

/** `mailto:` link for a plain address, else undefined (the value is then shown as text). */
export function mailtoHref(email: unknown): string | undefined {
  if (typeof email !== 'string' || !PLAIN_EMAIL.test(email.trim())) return undefined;
  return `mailto:${encodeURIComponent(email.trim()).replace(/%40/g, '@')}`;
}

/** `tel:` link for a plain phone number (only its digits and a leading +), else undefined. */
export function telHref(phone: unknown): string | undefined {
  if (typeof phone !== 'string' || !PLAIN_PHONE.test(phone.trim()) || !/\d/.test(phone)) return undefined;
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}
