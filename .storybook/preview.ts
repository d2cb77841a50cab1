import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../custom-elements.json';
import '../src/define.js';
import { setLocale } from '../src/internal/localize.js';
import { CIC_EVENTS } from '../src/events.js';

setCustomElementsManifest(manifest);

/** Applies the toolbar's theme to everything in the story: the colour scheme is inherited. */
function applyTheme(root: HTMLElement, theme: string) {
  document.body.style.background = theme === 'dark' ? '#0d1117' : '';
  if (theme === 'system') root.style.removeProperty('--cic-color-scheme');
  else root.style.setProperty('--cic-color-scheme', theme);
}

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // Every event of the library, as it bubbles out of a story, shows in the Actions panel.
    actions: { handles: [...CIC_EVENTS] },
  },
  globalTypes: {
    locale: {
      description: 'Language',
      toolbar: { title: 'Locale', icon: 'globe', dynamicTitle: true, items: [
        { value: 'en', title: 'English' }, { value: 'de', title: 'Deutsch' }, { value: 'ja', title: '日本語' },
      ] },
    },
    theme: {
      description: 'Theme',
      toolbar: { title: 'Theme', icon: 'mirror', dynamicTitle: true, items: ['system', 'light', 'dark'] },
    },
    dir: {
      description: 'Direction',
      toolbar: { title: 'Direction', icon: 'transfer', dynamicTitle: true, items: ['ltr', 'rtl'] },
    },
  },
  initialGlobals: { locale: 'en', theme: 'system', dir: 'ltr' },
  decorators: [
    withActions,
    (story, context) => {
      const { locale, theme, dir } = context.globals as { locale: string; theme: string; dir: string };
      void setLocale(locale);
      document.documentElement.lang = locale;
      document.documentElement.dir = dir;
      applyTheme(context.canvasElement as HTMLElement, theme);
      return story();
    },
  ],
};

export default preview;
