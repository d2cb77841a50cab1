import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .toggle {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    inline-size: 100%;
    padding: var(--_space-1) 0;
    border: none;
    background: none;
    cursor: pointer;
    text-align: start;
  }
  .toggle::before {
    content: '▸';
    display: inline-block;
    transition: transform 0.15s;
  }
  .toggle[aria-expanded='true']::before {
    transform: rotate(90deg);
  }
  :host(:dir(rtl)) .toggle[aria-expanded='false']::before {
    transform: scaleX(-1);
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
  }
  label {
    display: flex;
    gap: var(--_space-2);
    align-items: center;
  }
  .save {
    margin-block-start: var(--_space-3);
  }
`;
