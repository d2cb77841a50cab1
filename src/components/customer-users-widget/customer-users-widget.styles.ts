import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .filter {
    flex: 1;
    display: flex;
  }
  .filter input {
    flex: 1;
    min-inline-size: 8rem;
  }
  .form {
    margin-block-end: var(--_space-3);
  }
`;
