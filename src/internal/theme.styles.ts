import { css } from 'lit';

/**
 * Design tokens. Every element reads the public `--cic-*` custom properties (inherited from
 * the page or the container) through private `--_*` copies. A colour token holds one value for
 * both schemes (`--cic-color-surface`, which may itself be a `light-dark()`), or else one per
 * scheme (`--cic-color-surface-light`, `--cic-color-surface-dark`) over the defaults, so that
 * a host can restyle light mode without breaking dark mode. Which one applies follows
 * `color-scheme`, which an element with a `theme` passes to everything inside it through the
 * inherited `--cic-color-scheme`; without a theme anywhere, the system preference decides.
 * Text uses the host page's font unless `--cic-font-family` says otherwise.
 */
export const themeStyles = css`
  :host {
    color-scheme: var(--cic-color-scheme, light dark);
    --_font-size: var(--cic-font-size, 0.875rem);
    --_text: var(--cic-color-text, light-dark(var(--cic-color-text-light, #1f2328), var(--cic-color-text-dark, #e6edf3)));
    --_text-muted: var(--cic-color-text-muted, light-dark(var(--cic-color-text-muted-light, #57606a), var(--cic-color-text-muted-dark, #9da7b3)));
    --_surface: var(--cic-color-surface, light-dark(var(--cic-color-surface-light, #ffffff), var(--cic-color-surface-dark, #161b22)));
    --_surface-alt: var(--cic-color-surface-alt, light-dark(var(--cic-color-surface-alt-light, #f6f8fa), var(--cic-color-surface-alt-dark, #0d1117)));
    --_border: var(--cic-color-border, light-dark(var(--cic-color-border-light, #d0d7de), var(--cic-color-border-dark, #3d444d)));
    --_accent: var(--cic-color-accent, light-dark(var(--cic-color-accent-light, #0a58ca), var(--cic-color-accent-dark, #6cb6ff)));
    --_on-accent: var(--cic-color-on-accent, light-dark(var(--cic-color-on-accent-light, #ffffff), var(--cic-color-on-accent-dark, #0d1117)));
    --_danger: var(--cic-color-danger, light-dark(var(--cic-color-danger-light, #b42318), var(--cic-color-danger-dark, #ff8182)));
    --_warning-surface: var(--cic-color-warning-surface, light-dark(var(--cic-color-warning-surface-light, #fff4ce), var(--cic-color-warning-surface-dark, #3b2e00)));
    --_success: var(--cic-color-success, light-dark(var(--cic-color-success-light, #1a7f37), var(--cic-color-success-dark, #3fb950)));
    --_warning: var(--cic-color-warning, light-dark(var(--cic-color-warning-light, #9a6700), var(--cic-color-warning-dark, #d29922)));
    --_chart-1: var(--cic-color-chart-1, light-dark(var(--cic-color-chart-1-light, #0a58ca), var(--cic-color-chart-1-dark, #6cb6ff)));
    --_chart-2: var(--cic-color-chart-2, light-dark(var(--cic-color-chart-2-light, #bf3989), var(--cic-color-chart-2-dark, #f778ba)));
    --_chart-3: var(--cic-color-chart-3, light-dark(var(--cic-color-chart-3-light, #1a7f37), var(--cic-color-chart-3-dark, #3fb950)));
    --_chart-4: var(--cic-color-chart-4, light-dark(var(--cic-color-chart-4-light, #9a6700), var(--cic-color-chart-4-dark, #d29922)));
    --_chart-5: var(--cic-color-chart-5, light-dark(var(--cic-color-chart-5-light, #8250df), var(--cic-color-chart-5-dark, #bc8cff)));
    --_chart-6: var(--cic-color-chart-6, light-dark(var(--cic-color-chart-6-light, #57606a), var(--cic-color-chart-6-dark, #9da7b3)));
    --_highlight: var(--cic-color-highlight, light-dark(var(--cic-color-highlight-light, #fff3a3), var(--cic-color-highlight-dark, #5c4a00)));
    --_focus: var(--cic-color-focus, light-dark(var(--cic-color-focus-light, #0a58ca), var(--cic-color-focus-dark, #6cb6ff)));
    --_backdrop: var(--cic-color-backdrop, light-dark(var(--cic-color-backdrop-light, rgb(0 0 0 / 0.4)), var(--cic-color-backdrop-dark, rgb(0 0 0 / 0.6))));
    --_space-1: var(--cic-space-1, 0.25rem);
    --_space-2: var(--cic-space-2, 0.5rem);
    --_space-3: var(--cic-space-3, 0.75rem);
    --_space-4: var(--cic-space-4, 1rem);
    --_radius: var(--cic-radius, 6px);

    /* The host page's font unless --cic-font-family is set (an unset variable inherits). */
    font-family: var(--cic-font-family);
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
