import { expect } from '@open-wc/testing';
import { PREFERENCE_TIMEOUT_MS, preferenceTimeout } from '../../src/internal/preferences.js';

describe('preferences', () => {
  it('wait at most the preference timeout: also with a longer request timeout, or none', () => {
    expect(preferenceTimeout({ effectiveRequestTimeout: 0 }), 'no request timeout').to.equal(PREFERENCE_TIMEOUT_MS);
    expect(preferenceTimeout({ effectiveRequestTimeout: PREFERENCE_TIMEOUT_MS * 10 })).to.equal(PREFERENCE_TIMEOUT_MS);
    expect(preferenceTimeout({ effectiveRequestTimeout: 1_000 }), 'a shorter request timeout').to.equal(1_000);
  });
});
