import { mount } from 'svelte';
// Registered before the first render, so that Svelte sets dataSource as a property.
import 'customer-information-center/define.js';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
