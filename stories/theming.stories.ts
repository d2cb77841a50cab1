import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSource } from './support.js';

/** The center as shipped, and restyled to look like a host app with tokens and parts only (docs/THEMING.md). */
const meta: Meta = { title: 'Theming/Before and after' };
export default meta;
type Story = StoryObj;

const source = demoSource();

export const Before: Story = {
  render: () => html`<customer-information-center customer-id="BIGCORP" .dataSource=${source}></customer-information-center>`,
};

export const AfterLikeAHostApp: Story = {
  render: () => html`<style>
      .host-app {
        /* Fonts, colours (light and dark apart), density and radius: tokens only. */
        font-family: Georgia, 'Times New Roman', serif;
        --cic-font-size: 0.8125rem;
        --cic-color-accent-light: #6d28d9;
        --cic-color-accent-dark: #c4b5fd;
        --cic-color-surface-light: #fdfcff;
        --cic-color-surface-alt-light: #f3f0ff;
        --cic-color-border-light: #ddd6fe;
        --cic-space-2: 0.375rem;
        --cic-space-3: 0.5rem;
        --cic-space-4: 0.75rem;
        --cic-radius: 0;
      }
      /* Parts: the cards' headers, every table header row, one widget's table. */
      .host-app customer-information-center::part(card-header) {
        background: #6d28d9;
        color: #fff;
      }
      .host-app customer-information-center::part(table) {
        font-variant-numeric: tabular-nums;
      }
      .host-app customer-information-center::part(escalated-tickets-table) {
        outline: 2px solid #dc2626;
      }
    </style>
    <div class="host-app">
      <customer-information-center customer-id="BIGCORP" .dataSource=${source}></customer-information-center>
    </div>`,
};
