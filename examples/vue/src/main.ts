import { createApp } from 'vue';
import 'customer-information-center/define.js';
// Every tag of the library, with its properties and events, for vue-tsc (types only).
import type {} from 'customer-information-center/vue';
import App from './App.vue';

createApp(App).mount('#app');
