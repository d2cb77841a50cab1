import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource, failingSource, firstUserLogin, pendingSource } from './support.js';

const meta: Meta = { title: 'Widgets/Customer 360' };
export default meta;
type Story = StoryObj;

const source = demoSource();

export const TicketStatistics: Story = {
  render: () => html`<ticket-statistics-widget customer-id="BIGCORP" .dataSource=${source}></ticket-statistics-widget>`,
};
export const TicketStatisticsAsTables: Story = {
  render: () => html`<ticket-statistics-widget customer-id="BIGCORP" show-tables .dataSource=${source}></ticket-statistics-widget>`,
};
export const TicketStatisticsDark: Story = {
  render: () => html`<ticket-statistics-widget theme="dark" customer-id="BIGCORP" .dataSource=${source}></ticket-statistics-widget>`,
};
export const TicketStatisticsEmpty: Story = {
  render: () => html`<ticket-statistics-widget customer-id="NOBODY" .dataSource=${source}></ticket-statistics-widget>`,
};
export const TicketStatisticsLoading: Story = {
  render: () => html`<ticket-statistics-widget customer-id="BIGCORP" .dataSource=${pendingSource()}></ticket-statistics-widget>`,
};
export const TicketStatisticsError: Story = {
  render: () => html`<ticket-statistics-widget customer-id="BIGCORP" .dataSource=${failingSource()}></ticket-statistics-widget>`,
};

export const CustomerHealth: Story = {
  render: () => html`<customer-health-widget customer-id="BIGCORP" .dataSource=${source}></customer-health-widget>`,
};
export const CustomerHealthRtl: Story = {
  render: () => html`<div dir="rtl"><customer-health-widget customer-id="BIGCORP" .dataSource=${source}></customer-health-widget></div>`,
};
export const CustomerHealthLoading: Story = {
  render: () => html`<customer-health-widget customer-id="BIGCORP" .dataSource=${pendingSource()}></customer-health-widget>`,
};
export const CustomerHealthError: Story = {
  render: () => html`<customer-health-widget customer-id="BIGCORP" .dataSource=${failingSource()}></customer-health-widget>`,
};

export const RecentTickets: Story = {
  render: () => html`<recent-tickets-widget customer-id="BIGCORP" ticket-url-template="#ticket-{id}" .dataSource=${source}></recent-tickets-widget>`,
};
export const RecentTicketsEmpty: Story = {
  render: () => html`<recent-tickets-widget customer-id="NOBODY" .dataSource=${source}></recent-tickets-widget>`,
};
export const RecentTicketsLoading: Story = {
  render: () => html`<recent-tickets-widget customer-id="BIGCORP" .dataSource=${pendingSource()}></recent-tickets-widget>`,
};
export const RecentTicketsError: Story = {
  render: () => html`<recent-tickets-widget customer-id="BIGCORP" .dataSource=${failingSource()}></recent-tickets-widget>`,
};

/** The center with every Customer 360 widget shown (hidden by default, enabled in the settings). */
export const InTheCustomerCenter: Story = {
  render: () => {
    localStorage.setItem('cic:layout:customer-information-center', JSON.stringify({ main: ['ticket-statistics', 'customer-history'], sidebar: ['customer-health', 'recent-tickets'], hidden: [] }));
    return html`<customer-information-center customer-id="BIGCORP" .dataSource=${source}></customer-information-center>`;
  },
};

export const HistoryAndNotes: Story = {
  render: () => html`<customer-history-widget customer-id="BIGCORP" .dataSource=${source}></customer-history-widget>`,
};
export const HistoryWithTickets: Story = {
  render: () => html`<customer-history-widget customer-id="BIGCORP" include-tickets .dataSource=${source}></customer-history-widget>`,
};
export const HistoryReadOnly: Story = {
  render: () => html`<customer-history-widget customer-id="BIGCORP" .dataSource=${demoSource({}, { writable: false })}></customer-history-widget>`,
};
export const HistoryLoading: Story = {
  render: () => html`<customer-history-widget customer-id="BIGCORP" .dataSource=${pendingSource()}></customer-history-widget>`,
};
export const HistoryError: Story = {
  render: () => html`<customer-history-widget customer-id="BIGCORP" .dataSource=${failingSource()}></customer-history-widget>`,
};
/** Custom fields with Edit (the source can change customers). */
export const CustomFieldsEditable: Story = {
  render: () => html`<customer-information-widget customer-id="BIGCORP" .dataSource=${source}></customer-information-widget>`,
};
/** The contact card of the customer users widget: rest the pointer on a name, or press its ⓘ. */
export const ContactCard: Story = {
  render: () => html`<customer-users-widget customer-id="BIGCORP" .dataSource=${source}></customer-users-widget>`,
};
/** The customer user center with recent tickets and ticket statistics shown. */
export const InTheCustomerUserCenter: Story = {
  render: () => {
    localStorage.setItem('cic:layout:customer-user-information-center', JSON.stringify({ main: ['ticket-statistics'], sidebar: ['recent-tickets'], hidden: [] }));
    const center = document.createElement('customer-user-information-center');
    center.dataSource = source;
    void firstUserLogin().then((login) => (center.customerUserLogin = login));
    return center;
  },
};

export const CustomerHealthDark: Story = {
  render: () => html`<customer-health-widget theme="dark" customer-id="BIGCORP" .dataSource=${source}></customer-health-widget>`,
};
export const CustomerHealthGerman: Story = {
  render: () => html`<customer-health-widget customer-id="BIGCORP" .dataSource=${source}></customer-health-widget>`,
  globals: { locale: 'de' },
};
export const HistoryEmpty: Story = {
  render: () => html`<customer-history-widget customer-id="NOBODY" .dataSource=${source}></customer-history-widget>`,
};
export const TicketStatisticsJapaneseRtlDark: Story = {
  render: () => html`<ticket-statistics-widget customer-id="BIGCORP" .dataSource=${source}></ticket-statistics-widget>`,
  globals: { locale: 'ja', dir: 'rtl', theme: 'dark' },
};
