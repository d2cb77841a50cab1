// Type-checked after the build (npm run check-framework-types): dist/types/vue.d.ts gives
// Vue's templates every tag, with its properties and events (GlobalComponents).
import type { GlobalComponents } from 'vue';
import '../../dist/types/vue.js';

type Center = GlobalComponents['customer-information-center'];
type Statistics = GlobalComponents['ticket-statistics-widget'];
export type Checked = [Center, Statistics];
// @ts-expect-error not a tag of the library
export type Unknown = GlobalComponents['no-such-widget'];
