import { expect } from '@open-wc/testing';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { sharedRequest } from '../../src/internal/shared-request.js';

function pendingCall() {
  let resolve!: (value: string) => void;
  let signal!: AbortSignal;
  let calls = 0;
  const request = (s: AbortSignal) => {
    calls++;
    signal = s;
    return new Promise<string>((r) => (resolve = r));
  };
  return { request, resolve: (v: string) => resolve(v), signal: () => signal, calls: () => calls };
}

describe('sharedRequest', () => {
  const source = {} as DataSource;

  it('makes one call for askers at the same time (or in the same task) and gives each the answer', async () => {
    const call = pendingCall();
    const a = sharedRequest(source, 'k1', new AbortController().signal, call.request);
    const b = sharedRequest(source, 'k1', new AbortController().signal, call.request);
    call.resolve('answer');
    expect(await Promise.all([a, b])).to.deep.equal(['answer', 'answer']);
    expect(call.calls()).to.equal(1);
    // Asked again in the same task (an instant source: the widget renders after the header
    // already has its answer): the same answer, no call.
    expect(await sharedRequest(source, 'k1', new AbortController().signal, call.request)).to.equal('answer');
    expect(call.calls()).to.equal(1);
    // In a later task: a new call.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const later = pendingCall();
    const c = sharedRequest(source, 'k1', new AbortController().signal, later.request);
    later.resolve('fresh');
    expect(await c).to.equal('fresh');
  });

  it('keeps no failure: asked again in the same task after a failed call, it calls again', async () => {
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error('down'));
    };
    const first = sharedRequest(source, 'k-fail', new AbortController().signal, failing);
    let failed: unknown;
    await first.catch((error: unknown) => (failed = error));
    expect(String(failed)).to.contain('down');
    const retried = sharedRequest(source, 'k-fail', new AbortController().signal, () => {
      calls++;
      return Promise.resolve('back');
    });
    expect(await retried).to.equal('back');
    expect(calls).to.equal(2);
  });

  it('aborts the shared call only when every asker has aborted', async () => {
    const call = pendingCall();
    const first = new AbortController();
    const second = new AbortController();
    const a = sharedRequest(source, 'k2', first.signal, call.request).catch((e: unknown) => e);
    const b = sharedRequest(source, 'k2', second.signal, call.request);
    first.abort();
    expect((await a as DOMException).name).to.equal('AbortError');
    expect(call.signal().aborted).to.equal(false);
    second.abort();
    await b.catch(() => undefined);
    expect(call.signal().aborted).to.equal(true);
  });
});
