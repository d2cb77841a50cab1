import { css } from 'lit';

/**
 * Design tokens. Every element reads the public `--cic-*` custom properties (inherited from
 * the page or the container) through private `--_*` copies whose defaults hold a light and a
 * dark value (`light-dark()`). Which one applies follows `color-scheme`, which an element
 * with a `theme` passes to everything inside it through the inherited `--cic-color-scheme`;
 * without a theme anywhere, the system preference decides.
 */
export const themeStyles = css`
  :host {
    color-scheme: var(--cic-color-scheme, light dark);
    --_font: var(--cic-font-family, system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans JP', sans-serif);
    --_font-size: var(--cic-font-size, 0.875rem);
    --_text: var(--cic-color-text, light-dark(#1f2328, #e6edf3));
    --_text-muted: var(--cic-color-text-muted, light-dark(#57606a, #9da7b3));
    --_surface: var(--cic-color-surface, light-dark(#ffffff, #161b22));
    --_surface-alt: var(--cic-color-surface-alt, light-dark(#f6f8fa, #0d1117));
    --_border: var(--cic-color-border, light-dark(#d0d7de, #3d444d));
    --_accent: var(--cic-color-accent, light-dark(#0a58ca, #6cb6ff));
    --_on-accent: var(--cic-color-on-accent, light-dark(#ffffff, #0d1117));
    --_danger: var(--cic-color-danger, light-dark(#b42318, #ff8182));
    --_warning-surface: var(--cic-color-warning-surface, light-dark(#fff4ce, #3b2e00));
    --_success: var(--cic-color-success, light-dark(#1a7f37, #3fb950));
    --_warning: var(--cic-color-warning, light-dark(#9a6700, #d29922));
    --_chart-1: var(--cic-color-chart-1, light-dark(#0a58ca, #6cb6ff));
    --_chart-2: var(--cic-color-chart-2, light-dark(#bf3989, #f778ba));
    --_chart-3: var(--cic-color-chart-3, light-dark(#1a7f37, #3fb950));
    --_chart-4: var(--cic-color-chart-4, light-dark(#9a6700, #d29922));
    --_chart-5: var(--cic-color-chart-5, light-dark(#8250df, #bc8cff));
    --_chart-6: var(--cic-color-chart-6, light-dark(#57606a, #9da7b3));
    --_highlight: var(--cic-color-highlight, light-dark(#fff3a3, #5c4a00));
    --_focus: var(--cic-color-focus, light-dark(#0a58ca, #6cb6ff));
    --_backdrop: var(--cic-color-backdrop, light-dark(rgb(0 0 0 / 0.4), rgb(0 0 0 / 0.6)));
    --_space-1: var(--cic-space-1, 0.25rem);
    --_space-2: var(--cic-space-2, 0.5rem);
    --_space-3: var(--cic-space-3, 0.75rem);
    --_space-4: var(--cic-space-4, 1rem);
    --_radius: var(--cic-radius, 6px);

    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    background: var(--_surface);
  }

  :host([theme='dark']) {
    --cic-color-scheme: dark;
  }
  :host([theme='light']) {
    --cic-color-scheme: light;
  }

  :host([hidden]) {
    display: none !important;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    color: inherit;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The spinner, error and empty states every data-driven element shows. */
export const dataStateStyles = css`
  .state {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-3);
    color: var(--_text-muted);
  }
  .state--error {
    color: var(--_danger);
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid var(--_border);
    border-block-start-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .button {
    padding: var(--_space-1) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .button:hover {
    background: var(--_surface-alt);
  }
`;
