// `customer-information-center/react/ticket-list-widget`: the React component of
// <ticket-list-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/ticket-list-widget/define.js';
import { TicketListWidget as Element } from '../components/ticket-list-widget/ticket-list-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const TicketListWidget = reactComponent('ticket-list-widget', Element);
