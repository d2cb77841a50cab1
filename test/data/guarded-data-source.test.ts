import { expect } from '@open-wc/testing';
import type { DataSource } from '../../src/data/contract/data-source.js';
import { MalformedAnswerError } from '../../src/data/contract/errors.js';
import { guardDataSource, MAX_STATISTICS_QUEUES } from '../../src/data/adapters/guarded-data-source.js';

/** A data source whose every call answers `answer` (as given, unchecked). */
const answering = (answer: unknown) =>
  guardDataSource(
    new Proxy({ capabilities: { ticketFilters: ['all'], ticketSorts: ['age'], writeCustomerUsers: true } } as unknown as DataSource, {
      get: (target, key) => (key in target ? Reflect.get(target, key) : () => Promise.resolve(structuredClone(answer))),
    }),
  );

const rejectionOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** Console warnings while `run` runs. */
async function warningsOf(run: () => Promise<unknown>): Promise<string[]> {
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
  try {
    await run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

const page = { size: 10 };
const scope = { customerId: 'ACME' };
const sort = { field: 'age', direction: 'desc' } as const;

describe('the answer guard', () => {
  describe('keeps at most what was asked for, warning once', () => {
    const cases: [string, (answer: unknown) => Promise<{ items: unknown[] }>, number, (i: number) => object][] = [
      ['listTickets', (a) => answering(a).listTickets(scope, { view: 'all', filter: 'all', sort, page }), 10, (i) => ({ id: `t${i}` })],
      ['listCustomerHistory', (a) => answering(a).listCustomerHistory!('ACME', { page: { size: 5 } }), 5,
        (i) => ({ id: `h${i}`, kind: 'note', text: 'x', at: '2026-01-01T00:00:00Z' })],
      ['listCustomerUsers', (a) => answering(a).listCustomerUsers('ACME', { page }), 10, (i) => ({ login: `u${i}`, customerId: 'ACME' })],
      ['searchCustomers', (a) => answering(a).searchCustomers('ac', { limit: 20 }), 20, (i) => ({ id: `c${i}` })],
      ['searchCustomerUsers', (a) => answering(a).searchCustomerUsers('an', { limit: 20 }), 20, (i) => ({ login: `u${i}`, customerId: 'ACME' })],
    ];
    for (const [method, call, size, item] of cases) {
      it(`${method}: 100,000 items for ${size} → the first ${size}`, async () => {
        let answer: { items: unknown[] } | undefined;
        const many = { items: Array.from({ length: 100_000 }, (_, i) => item(i)) };
        const warnings = await warningsOf(async () => {
          answer = await call(many);
          await call(many);
        });
        expect(answer!.items.length, 'items kept').to.equal(size);
        expect(answer!.items).to.deep.equal(many.items.slice(0, size));
        expect(warnings.filter((w) => w.includes('more items than')), 'warned once').to.have.length(1);
      });

      it(`${method}: one item more than ${size} → the first ${size}`, async () => {
        const oneMore = { items: Array.from({ length: size + 1 }, (_, i) => item(i)) };
        let answer: { items: unknown[] } | undefined;
        await warningsOf(async () => {
          answer = await call(oneMore);
        });
        expect(answer!.items).to.deep.equal(oneMore.items.slice(0, size));
      });

      it(`${method}: repeated ids → each once, warning once`, async () => {
        const repeated = { items: [item(0), item(1), item(0), item(0), item(1)] };
        let answer: { items: unknown[] } | undefined;
        const warnings = await warningsOf(async () => {
          answer = await call(repeated);
          await call(repeated);
        });
        expect(answer!.items.length, 'items kept').to.equal(2);
        expect(answer!.items).to.deep.equal([item(0), item(1)]);
        expect(warnings.filter((w) => w.includes('more than once'))).to.have.length(1);
      });
    }

    it('getTicketStatistics: the months asked for (the latest), at most 36, queues once and at most the cap', async () => {
      const monthly = Array.from({ length: 40 }, (_, i) => ({ year: 2020 + Math.floor(i / 12), month: (i % 12) + 1, created: i, closed: 0 }));
      const byQueue = [
        ...Array.from({ length: MAX_STATISTICS_QUEUES + 5 }, (_, i) => ({ queueId: `q${i}`, open: 1, closed: 1 })),
      ];
      byQueue.splice(1, 0, { queueId: 'q0', open: 5, closed: 5 });
      const source = answering({ byQueue, monthly });
      const asked6 = await warningsOf(async () => {
        const statistics = await source.getTicketStatistics!(scope, { months: 6 });
        expect(statistics.monthly.length, 'months kept').to.equal(6);
        expect(statistics.monthly.map((m) => m.created)).to.deep.equal([34, 35, 36, 37, 38, 39]);
        expect(statistics.byQueue.length, 'queues kept').to.equal(MAX_STATISTICS_QUEUES - 1);
        expect(statistics.byQueue.filter((q) => q.queueId === 'q0')).to.deep.equal([{ queueId: 'q0', open: 1, closed: 1 }]);
      });
      expect(asked6.length).to.be.greaterThan(0);
      expect((await source.getTicketStatistics!(scope)).monthly.length, 'the default, 12').to.equal(12);
      expect((await source.getTicketStatistics!(scope, { months: 1000 })).monthly.length, 'at most 36').to.equal(36);
    });
  });

  it('refuses an object where a list belongs', async () => {
    for (const items of [{ 0: { id: 't0' }, length: 1 }, {}]) {
      const error = await rejectionOf(answering({ items }).listTickets(scope, { view: 'all', filter: 'all', sort, page }));
      expect(error).to.be.instanceOf(MalformedAnswerError);
      expect((error as Error).message).to.contain('listTickets.items is not an array');
    }
    expect(await rejectionOf(answering({ byQueue: {}, monthly: [] }).getTicketStatistics!(scope))).to.be.instanceOf(MalformedAnswerError);
    expect(await rejectionOf(answering({ byQueue: [], monthly: {} }).getTicketStatistics!(scope))).to.be.instanceOf(MalformedAnswerError);
  });

  it('refuses a health score outside 0–100', async () => {
    const health = (score: number, trend = 50) => ({ score, higherIsBetter: false, bands: { warning: 50, critical: 75 }, trend: { score: trend, at: '2026-01-01T00:00:00Z' }, computedAt: '2026-01-08T00:00:00Z', factors: [] });
    expect((await answering(health(100)).getCustomerHealth!('ACME')).score).to.equal(100);
    expect((await answering(health(0)).getCustomerHealth!('ACME')).score).to.equal(0);
    for (const [score, trend] of [[100.5, 50], [101, 50], [-1, 50], [NaN, 50], [50, 101]]) {
      const error = await rejectionOf(answering(health(score, trend)).getCustomerHealth!('ACME'));
      expect(error, `${score}/${trend}`).to.be.instanceOf(MalformedAnswerError);
    }
  });

  it('refuses a negative count or total', async () => {
    const negativeTotal = await rejectionOf(answering({ items: [], total: { value: -1, exact: true } }).listTickets(scope, { view: 'all', filter: 'all', sort, page }));
    expect(negativeTotal).to.be.instanceOf(MalformedAnswerError);
    expect((negativeTotal as Error).message).to.contain('listTickets.total.value');
    const status = { escalated: 0, open: -2, closed: 0, all: 0, byCategory: {} };
    expect(await rejectionOf(answering(status).getCompanyStatus('ACME'))).to.be.instanceOf(MalformedAnswerError);
    expect(await answering({ ...status, open: 2, all: 2 }).getCompanyStatus('ACME')).to.include({ open: 2 });
  });

  it('ends paging when the answer repeats the cursor it was asked with', async () => {
    const answer = { items: [{ id: 't1' }], nextCursor: 'c2', previousCursor: 'c0' };
    const repeating = answering(answer);
    let result: { nextCursor?: string; previousCursor?: string } | undefined;
    const warnings = await warningsOf(async () => {
      result = await repeating.listTickets(scope, { view: 'all', filter: 'all', sort, page: { size: 10, cursor: 'c2' } });
    });
    expect(result!.nextCursor, 'the repeated cursor').to.equal(undefined);
    expect(result!.previousCursor).to.equal('c0');
    expect(warnings.some((w) => w.includes('same nextCursor'))).to.equal(true);
    const moving = await repeating.listTickets(scope, { view: 'all', filter: 'all', sort, page: { size: 10, cursor: 'c1' } });
    expect(moving.nextCursor).to.equal('c2');
  });

  it('leaves out a ticket date that does not parse, keeping the ticket', async () => {
    const answer = { items: [{ id: 't1', title: 'Printer', createdAt: 'yesterday', changedAt: '2026-01-02T00:00:00Z' }] };
    let result: { items: unknown[] } | undefined;
    await warningsOf(async () => {
      result = await answering(answer).listTickets(scope, { view: 'all', filter: 'all', sort, page });
    });
    expect(result!.items).to.deep.equal([{ id: 't1', title: 'Printer', changedAt: '2026-01-02T00:00:00Z' }]);
  });

  it('lets a source that does not say so write nothing', () => {
    const quiet = guardDataSource({ capabilities: {} } as unknown as DataSource);
    expect(quiet.capabilities.writeCustomerUsers).to.equal(false);
    expect(quiet.capabilities.answersLocally).to.equal(false);
  });
});

describe('guardDataSource: live changes', () => {
  /** A guarded source whose subscription hands the test its listener and status callback. */
  function live(options: { liveUpdates?: boolean; throws?: boolean } = {}) {
    const heard: { listener?: (changes: unknown) => void; onStatus?: (status: unknown) => void; signal?: AbortSignal } = {};
    const source = guardDataSource({
      capabilities: { ticketFilters: ['all'], ticketSorts: ['age'], writeCustomerUsers: false, liveUpdates: options.liveUpdates ?? true },
      subscribe(_scope: unknown, listener: (changes: unknown) => void, { signal, onStatus }: { signal: AbortSignal; onStatus?: (status: unknown) => void }) {
        if (options.throws) throw new Error('no stream');
        Object.assign(heard, { listener, onStatus, signal });
      },
    } as unknown as DataSource);
    return { source, heard };
  }

  it('declares liveUpdates only for a source that has subscribe', () => {
    expect(live().source.capabilities.liveUpdates).to.equal(true);
    expect(live({ liveUpdates: false }).source.capabilities.liveUpdates).to.equal(false);
    const without = guardDataSource({ capabilities: { liveUpdates: true } } as unknown as DataSource);
    expect(without.capabilities.liveUpdates).to.equal(false);
    expect(without.subscribe).to.equal(undefined);
  });

  it('passes well-formed changes on, leaving out malformed ones with one warning', async () => {
    const { source, heard } = live();
    const told: unknown[] = [];
    const abort = new AbortController();
    source.subscribe!({ customerId: 'ACME' }, (changes) => told.push(changes), { signal: abort.signal });
    const good = { kind: 'ticket', action: 'created', id: '7', customerId: 'ACME', customerUserLogin: 'anna' };
    const warnings = await warningsOf(async () => {
      heard.listener!([
        { ...good, extra: '<img>' },
        { kind: 'virus', action: 'created', id: '1' },
        { kind: 'ticket', action: 'exploded', id: '1' },
        { kind: 'ticket', action: 'updated', id: 1 },
        { kind: 'ticket', action: 'updated', id: '2', customerId: {} },
        null,
      ]);
      heard.listener!('not a list');
    });
    expect(told).to.deep.equal([[good]]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('malformed change');
  });

  it('keeps a listener failure and unknown statuses from escaping, and tells nothing after abort', async () => {
    const { source, heard } = live();
    const statuses: unknown[] = [];
    const abort = new AbortController();
    let calls = 0;
    source.subscribe!({ customerId: 'ACME' }, () => {
      calls++;
      throw new Error('listener broke');
    }, { signal: abort.signal, onStatus: (status) => statuses.push(status) });
    const error = console.error;
    const errors: unknown[] = [];
    console.error = (...args: unknown[]) => errors.push(args[0]);
    try {
      expect(() => heard.listener!([{ kind: 'all', action: 'updated', id: '' }])).not.to.throw();
      heard.onStatus!('exploded');
      heard.onStatus!('live');
      abort.abort();
      heard.listener!([{ kind: 'all', action: 'updated', id: '' }]);
      heard.onStatus!('down');
    } finally {
      console.error = error;
    }
    expect(calls).to.equal(1);
    expect(errors).to.have.length(1);
    expect(statuses).to.deep.equal(['live']);
  });

  it('tells a subscription that cannot start that it is down, without throwing', () => {
    const { source } = live({ throws: true });
    const statuses: unknown[] = [];
    const error = console.error;
    console.error = () => {};
    try {
      source.subscribe!({ customerId: 'ACME' }, () => {}, { signal: new AbortController().signal, onStatus: (status) => statuses.push(status) });
    } finally {
      console.error = error;
    }
    expect(statuses).to.deep.equal(['down']);
  });
});
