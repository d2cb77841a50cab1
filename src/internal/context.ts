import { createContext } from '@lit/context';
import type { DataSource } from '../data/contract/data-source.js';

/** The data source an ancestor provides to the elements inside it. */
export const dataSourceContext = createContext<DataSource | undefined>(Symbol.for('cic-data-source'));

/** The request timeout (ms) a container passes on to the elements inside it. */
export const requestTimeoutContext = createContext<number | undefined>(Symbol.for('cic-request-timeout'));

/** Grows by one each time the container asks every widget to reload. */
export const refreshContext = createContext<number>(Symbol.for('cic-refresh'));

/**
 * Whom a container shows: its widgets take the customer id and customer user login from
 * here unless they were given their own. In a customer-user center `customerId` is the
 * user's primary customer (empty until the user has loaded).
 */
export interface SubjectIds {
  customerId: string;
  customerUserLogin?: string;
}

export const subjectContext = createContext<SubjectIds | undefined>(Symbol.for('cic-subject'));

/** One widget as the settings widget lists it. */
export interface SettingsEntry {
  id: string;
  title: string;
  mandatory: boolean;
  visible: boolean;
}

/** The widgets of a container, in layout order, for its settings widget. */
export const settingsContext = createContext<SettingsEntry[] | undefined>(Symbol.for('cic-settings'));
