// Type-checked after the build (npm run check-framework-types): `import type {}` of the vue
// entry is all an app writes to give vue-tsc every tag (vue-bindings.vue checks the bindings).
import type { GlobalComponents } from 'vue';
import type {} from '../../dist/types/vue.js';

type Center = GlobalComponents['customer-information-center'];
type Statistics = GlobalComponents['ticket-statistics-widget'];
export type Checked = [Center, Statistics];
// @ts-expect-error not a tag of the library
export type Unknown = GlobalComponents['no-such-widget'];
