import { expect } from '@open-wc/testing';
import { DEMO_EDGE_CASES, generateDemoData } from '../../src/data/demo/demo-data.js';
import { InMemoryDataSource } from '../../src/data/adapters/in-memory-data-source.js';
import { DEFAULT_STATE_MAPPING, OPS_I_STATE_MAPPING, mergeStateMappings } from '../../src/data/rules/state-mapping.js';

describe('generateDemoData', () => {
  it('is deterministic for a seed and differs for another', () => {
    const a = generateDemoData({ seed: 7, customers: 20, customerUsers: 100, tickets: 500 });
    const b = generateDemoData({ seed: 7, customers: 20, customerUsers: 100, tickets: 500 });
    const c = generateDemoData({ seed: 8, customers: 20, customerUsers: 100, tickets: 500 });
    expect(JSON.stringify(a)).to.equal(JSON.stringify(b));
    expect(JSON.stringify(a)).not.to.equal(JSON.stringify(c));
  });

  it('holds the §7 demo set: sizes, every state, several scripts and the edge cases', async () => {
    const data = generateDemoData();
    expect(data.customers.length).to.equal(300);
    expect(data.customerUsers.length).to.equal(3000);
    expect(data.tickets.length).to.equal(30_000);
    const states = new Set(data.tickets.map((t) => t.state));
    expect([...states].sort()).to.deep.equal(Object.keys(DEFAULT_STATE_MAPPING.states).sort().filter((s) => s !== 'pending auto close-'));
    const names = data.customerUsers.map((u) => `${u.firstName}${u.lastName}`).join('');
    expect(names).to.match(/[\u3040-\u30ff\u4e00-\u9fff]/); // Japanese
    expect(names).to.match(/[äöüß]/); // German
    expect(names).to.match(/[\u0400-\u04ff]/); // Cyrillic
    expect(names).to.match(/[\u0600-\u06ff]/); // Arabic
    const source = new InMemoryDataSource(data);
    expect(await source.getCustomer(DEMO_EDGE_CASES.noRecord)).to.equal(undefined);
    expect((await source.searchCustomers(DEMO_EDGE_CASES.noRecord, { limit: 5 })).items[0]).to.include({ hasRecord: false });
    expect((await source.getCustomer(DEMO_EDGE_CASES.invalid))!.valid).to.equal(false);
    expect(await source.getCustomer(DEMO_EDGE_CASES.specialCharacters)).to.exist;
    const large = (await source.getCompanyStatus(DEMO_EDGE_CASES.large)).all;
    const typical = (await source.getCompanyStatus('C00010')).all;
    expect(large).to.be.greaterThan(typical * 20);
  });

  it('makes 100,000 tickets when asked', () => {
    expect(generateDemoData({ tickets: 100_000, customerUsers: 1000 }).tickets).to.have.length(100_000);
  });
});

describe('state mappings', () => {
  it('merges vocabularies, later ones winning', () => {
    const merged = mergeStateMappings(DEFAULT_STATE_MAPPING, OPS_I_STATE_MAPPING);
    expect(merged.states['pending reminder']).to.equal('pending-reminder');
    expect(merged.states.planning).to.equal('open');
    expect(merged.states.closed).to.equal('closed');
  });
});
