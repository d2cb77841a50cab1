import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // Storybook's renderer imports lit/directive-helpers.js, which Vite would otherwise serve
  // unbundled next to the pre-bundled Lit: two copies of lit-html ("Multiple versions of Lit
  // loaded"). Pre-bundling every Lit entry together makes one.
  viteFinal: (vite) => ({
    ...vite,
    optimizeDeps: {
      ...vite.optimizeDeps,
      include: [
        ...(vite.optimizeDeps?.include ?? []),
        'lit', 'lit/directive-helpers.js', 'lit/decorators.js', 'lit/directives/repeat.js', 'lit/static-html.js',
      ],
    },
  }),
};

export default config;
