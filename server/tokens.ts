import { createHash, timingSafeEqual } from 'node:crypto';

/** Bearer token → agent login (`users.login`). */
export type Tokens = ReadonlyMap<string, string>;

/**
 * Reads `CIC_TOKENS` (`token=agent-login,…`). A token may itself contain `=` (base64
 * padding), so each pair is split at its last `=`; spaces around tokens and logins are
 * dropped. An empty token or login is refused with a message naming the pair: a server must
 * not start with a token that means something else than its operator wrote.
 */
export function parseTokens(spec: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const [index, pair] of spec.split(',').entries()) {
    if (!pair.trim()) continue;
    const at = pair.lastIndexOf('=');
    const token = at < 0 ? '' : pair.slice(0, at).trim();
    const login = at < 0 ? '' : pair.slice(at + 1).trim();
    if (!token || !login) {
      throw new Error(`CIC_TOKENS: pair ${index + 1} must be "token=agent-login" with neither part empty`);
    }
    tokens.set(token, login);
  }
  return tokens;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Who a presented bearer token stands for, or `undefined`. Every configured token is
 * compared (SHA-256 digests, equal length, in constant time), so that neither the answer's
 * time nor a name such as `constructor` tells anything about the tokens.
 */
export function tokenVerifier(tokens: Tokens): (presented: string) => string | undefined {
  const known = [...tokens].map(([token, login]) => ({ digest: digest(token), login }));
  return (presented) => {
    const candidate = digest(presented);
    let login: string | undefined;
    for (const entry of known) {
      if (timingSafeEqual(entry.digest, candidate)) login = entry.login;
    }
    return login;
  };
}
