import { createContext } from '@lit/context';
import type { DataSource } from '../data/data-source.js';

/** The data source an ancestor provides to the elements inside it. */
export const dataSourceContext = createContext<DataSource | undefined>(Symbol.for('cic-data-source'));

/** The request timeout (ms) a container passes on to the elements inside it. */
export const requestTimeoutContext = createContext<number | undefined>(Symbol.for('cic-request-timeout'));

/** Grows by one each time the container asks every widget to reload. */
export const refreshContext = createContext<number>(Symbol.for('cic-refresh'));
