import { createApp } from 'vue';
import 'customer-information-center/define.js';
import App from './App.vue';

createApp(App).mount('#app');
