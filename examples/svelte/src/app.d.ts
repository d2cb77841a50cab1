// Every tag of the library, with its properties and events, for svelte-check (types only).
import type {} from 'customer-information-center/svelte';
