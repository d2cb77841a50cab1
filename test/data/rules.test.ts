import { expect } from '@open-wc/testing';
import { isSearchable, MIN_SEARCH_LENGTH } from '../../src/data/rules/rules.js';

describe('the domain rules', () => {
  it('searches a term of at least two characters, or * alone, and nothing shorter', () => {
    expect(MIN_SEARCH_LENGTH).to.equal(2);
    for (const term of ['ac', ' ac ', '*', '**', ' * ']) expect(isSearchable(term), `"${term}"`).to.equal(true);
    for (const term of ['', ' ', 'a', ' a ']) expect(isSearchable(term), `"${term}"`).to.equal(false);
  });
});
