import { createContext } from '@lit/context';
import type { DataSource } from '../data/data-source.js';

/** The data source an ancestor provides to the elements inside it. */
export const dataSourceContext = createContext<DataSource | undefined>(Symbol.for('cic-data-source'));

/** Grows by one each time the container asks every widget to reload. */
export const refreshContext = createContext<number>(Symbol.for('cic-refresh'));
