/** Where the widgets of a container stand, and which are hidden. */
export type Region = 'main' | 'sidebar';

export interface Layout {
  main: string[];
  sidebar: string[];
  hidden: string[];
}
