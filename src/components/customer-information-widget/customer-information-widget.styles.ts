import { css } from 'lit';

export const styles = css`
  .fields-form {
    display: grid;
    gap: var(--_space-1);
    margin-block-start: var(--_space-2);
  }
  .actions {
    margin-block-start: var(--_space-1);
  }
`;
