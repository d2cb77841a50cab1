/** The preference key of a ticket list's settings (without `settings-key`): per view, and apart for a customer user's tickets. */
export const ticketListKey = (view: string, forUser: boolean) => `ticket-list:${forUser ? 'user:' : ''}${view}`;
