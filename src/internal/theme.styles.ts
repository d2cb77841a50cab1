import { css, unsafeCSS } from 'lit';

/** The public tokens of the dark theme (a constant of ours, never data). */
const darkPalette = unsafeCSS(`
  --cic-color-text: #e6edf3;
  --cic-color-text-muted: #9da7b3;
  --cic-color-surface: #161b22;
  --cic-color-surface-alt: #0d1117;
  --cic-color-border: #3d444d;
  --cic-color-accent: #6cb6ff;
  --cic-color-on-accent: #0d1117;
  --cic-color-danger: #ff8182;
  --cic-color-warning-surface: #3b2e00;
  --cic-color-highlight: #5c4a00;
  --cic-color-focus: #6cb6ff;
  --cic-color-backdrop: rgb(0 0 0 / 0.6);
  color-scheme: dark;
`);

/**
 * Design tokens. Every element reads the public `--cic-*` custom properties (inherited from
 * the page or the container) through private `--_*` copies that hold the light defaults.
 */
export const themeStyles = css`
  :host {
    --_font: var(--cic-font-family, system-ui, 'Segoe UI', 'Noto Sans', 'Noto Sans JP', sans-serif);
    --_font-size: var(--cic-font-size, 0.875rem);
    --_text: var(--cic-color-text, #1f2328);
    --_text-muted: var(--cic-color-text-muted, #57606a);
    --_surface: var(--cic-color-surface, #ffffff);
    --_surface-alt: var(--cic-color-surface-alt, #f6f8fa);
    --_border: var(--cic-color-border, #d0d7de);
    --_accent: var(--cic-color-accent, #0a58ca);
    --_on-accent: var(--cic-color-on-accent, #ffffff);
    --_danger: var(--cic-color-danger, #b42318);
    --_warning-surface: var(--cic-color-warning-surface, #fff4ce);
    --_highlight: var(--cic-color-highlight, #fff3a3);
    --_focus: var(--cic-color-focus, #0a58ca);
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

  /* Dark palette: chosen with theme="dark", or by the system unless theme="light". */
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
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
