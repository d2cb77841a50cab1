import { expect } from '@open-wc/testing';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { NOW, at, ticket } from '../support/fixtures.js';

describe('the distress index', () => {
  it('takes its inputs as of the moment it states, not the end of the day', async () => {
    // NOW is noon; the open ticket was created at midnight: half a day old, not a whole day.
    const data = {
      customers: [{ id: 'A' }, { id: 'B' }],
      customerUsers: [],
      tickets: [
        ticket({ customerId: 'A', createdAt: at(-12), state: 'open' }),
        ticket({ customerId: 'B', createdAt: at(-36), state: 'open' }),
        // Created later the same day: not yet there at noon.
        ticket({ customerId: 'A', createdAt: at(6), state: 'open' }),
      ],
    };
    const health = await new InMemoryDataSource(data, { now: NOW }).getCustomerHealth('A');
    expect(health.computedAt).to.equal(NOW.toISOString());
    const factor = (key: string) => health.factors.find((f) => f.key === key)!.value;
    expect(factor('openAge')).to.equal(0.5);
    expect(factor('openTickets')).to.equal(1);
    expect(Date.parse(health.trend!.at)).to.equal(NOW.getTime() - 7 * 86_400_000);
  });

  it('states when its inputs were taken when it answers from the day’s cache later', async () => {
    let now = NOW;
    const source = new InMemoryDataSource({ customers: [{ id: 'A' }], customerUsers: [], tickets: [ticket({ customerId: 'A', createdAt: at(-12) })] }, { now: () => now });
    await source.getCustomerHealth('A');
    now = new Date(NOW.getTime() + 3 * 3_600_000);
    const later = await source.getCustomerHealth('A');
    expect(later.computedAt, 'the inputs are those of noon').to.equal(NOW.toISOString());
  });

  it('averages the age of open tickets and counts as recent only the last 30 days', async () => {
    const data = {
      customers: [{ id: 'A' }],
      customerUsers: [],
      tickets: [ticket({ customerId: 'A', createdAt: at(-24 * 10), state: 'open' }), ticket({ customerId: 'A', createdAt: at(-24 * 40), state: 'open' })],
    };
    const health = await new InMemoryDataSource(data, { now: NOW }).getCustomerHealth('A');
    const factor = (key: string) => health.factors.find((f) => f.key === key)!.value;
    expect(factor('openTickets')).to.equal(2);
    expect(factor('openAge'), 'days, on average').to.equal(25);
    expect(factor('recentTickets')).to.equal(1);
  });

  it('gives the trend the score of a week before, not the current one', async () => {
    // A's only ticket is two days old: a week ago A had none and ranked below B on every input.
    const data = {
      customers: [{ id: 'A' }, { id: 'B' }],
      customerUsers: [],
      tickets: [ticket({ customerId: 'A', createdAt: at(-24 * 2), state: 'open' }), ticket({ customerId: 'B', createdAt: at(-24 * 30), state: 'open' })],
    };
    const health = await new InMemoryDataSource(data, { now: NOW }).getCustomerHealth('A');
    expect(health.score, 'now').to.equal(50);
    expect(health.trend!.score, 'a week before').to.equal(30);
  });
});
