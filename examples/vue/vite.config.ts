import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The library's tags are custom elements, not Vue components.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })],
});
