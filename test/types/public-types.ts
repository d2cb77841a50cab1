// Type tests: compiled by `tsc` (npm run typecheck), never run. A change to a public type
// that breaks a host's code makes one of these lines fail to compile.
import {
  CicElement,
  CustomerInformationCenter,
  DataController,
  InMemoryDataSource,
  TicketListWidget,
  generateDemoData,
  registerWidget,
  type CicEventMap,
  type CustomerSelectedDetail,
  type CustomerUserSavedDetail,
  type DataSource,
  type LayoutChangedDetail,
  type SettingsSavedDetail,
  type TicketSelectedDetail,
  type TicketView,
} from '../../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T | void => undefined;

// Tags are typed.
const list = document.querySelector('ticket-list-widget');
expectType<Equal<typeof list, TicketListWidget | null>>();
const center = document.createElement('customer-information-center');
expectType<Equal<typeof center, CustomerInformationCenter>>();
center.customerId = 'ACME';
center.dataSource = new InMemoryDataSource(generateDemoData({ customers: 1, customerUsers: 1, tickets: 1 }));
// @ts-expect-error a customer id is a string
center.customerId = 42;
const view: TicketView = 'reminder';
list!.view = view;
// @ts-expect-error not a view
list!.view = 'pending';

// Events are typed, with their details.
center.addEventListener('customer-selected', (event) => {
  expectType<Equal<typeof event.detail, CustomerSelectedDetail>>();
  // @ts-expect-error customerId is a string
  const id: number = event.detail.customerId;
  void id;
});
type DetailOf<K extends keyof HTMLElementEventMap> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;
expectType<Equal<DetailOf<'ticket-selected'>, TicketSelectedDetail>>();
expectType<Equal<DetailOf<'layout-changed'>, LayoutChangedDetail>>();
expectType<Equal<DetailOf<'settings-saved'>, SettingsSavedDetail>>();
expectType<Equal<DetailOf<'customer-user-saved'>, CustomerUserSavedDetail>>();
expectType<Equal<CicEventMap['customer-search-closed'], undefined>>();

// The data source contract: the in-memory source is one; a partial object is not.
const source: DataSource = new InMemoryDataSource({ customers: [], customerUsers: [], tickets: [] }, { now: new Date() });
void source;
// @ts-expect-error a data source needs every read method
const partial: DataSource = { capabilities: source.capabilities, getCustomer: source.getCustomer };
void partial;

// The plugin kit: a widget built on the base element and the data controller.
class InvoicesWidget extends CicElement {
  data = new DataController<number, [string]>(this, {
    args: () => [this.subjectValue('customerId', undefined)],
    load: async (dataSource, [customerId], signal) => (await dataSource.getCompanyStatus(customerId, { signal })).all,
  });
}
void InvoicesWidget;
const unregister: () => void = registerWidget({ id: 'invoices', tag: 'invoices-widget', title: 'Invoices', region: 'sidebar' });
void unregister;

// Events are typed on the document and the window too (a host listening high up).
document.addEventListener('customer-selected', (event) => {
  const detail: CustomerSelectedDetail = event.detail;
  expectType<Equal<typeof event.detail, CustomerSelectedDetail>>();
  return detail;
});
window.addEventListener('ticket-selected', (event) => {
  const detail: TicketSelectedDetail = event.detail;
  expectType<Equal<typeof event.detail, TicketSelectedDetail>>();
  return detail;
});
