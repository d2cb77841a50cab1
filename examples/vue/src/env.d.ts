// Every tag of the library, with its properties and events, in Vue templates (types only).
import type {} from 'customer-information-center/vue';
