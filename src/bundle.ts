// The self-contained build: everything `index.js` exports, with every element registered.
import { defineAll } from './define-all.js';

export * from './index.js';

defineAll();
