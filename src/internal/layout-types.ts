// The shape of a container's layout: what the information centers store and arrange, and
// what their `layout-changed` event carries.

export type Region = 'main' | 'sidebar';

/** Where the widgets of a container stand, and which are hidden. Per agent, not per customer. */
export interface Layout {
  main: string[];
  sidebar: string[];
  hidden: string[];
}
