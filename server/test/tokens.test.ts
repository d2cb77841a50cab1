import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTokens, tokenVerifier } from '../tokens.js';

describe('CIC_TOKENS', () => {
  it('splits each pair at its last "=" and trims both parts', () => {
    const tokens = parseTokens('abc==def=agent-1, second= agent-2 ,,');
    assert.deepEqual([...tokens], [['abc==def', 'agent-1'], ['second', 'agent-2']]);
  });

  it('keeps base64 padding in a token', () => {
    assert.deepEqual([...parseTokens('dG9rZW4=  =agent')], [['dG9rZW4=', 'agent']]);
  });

  it('refuses an empty token or login, naming the pair', () => {
    assert.throws(() => parseTokens('good=agent,=agent-2'), /pair 2/);
    assert.throws(() => parseTokens('token='), /pair 1/);
    assert.throws(() => parseTokens('token-without-login'), /pair 1/);
    assert.throws(() => parseTokens('good=agent,  =  '), /pair 2/);
  });

  it('reads nothing from nothing', () => {
    assert.equal(parseTokens('').size, 0);
  });
});

describe('token verifier', () => {
  const verify = tokenVerifier(new Map([['secret', 'agent-1'], ['other', 'agent-2']]));

  it('knows configured tokens only', () => {
    assert.equal(verify('secret'), 'agent-1');
    assert.equal(verify('other'), 'agent-2');
    assert.equal(verify('secre'), undefined);
    assert.equal(verify('secret '), undefined);
  });

  it('knows no token named like an Object.prototype member', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']) {
      assert.equal(verify(name), undefined, name);
    }
  });
});
