// `customer-information-center/react/ticket-statistics-widget`: the React component of
// <ticket-statistics-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/ticket-statistics-widget/define.js';
import { TicketStatisticsWidget as Element } from '../components/ticket-statistics-widget/ticket-statistics-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const TicketStatisticsWidget = reactComponent('ticket-statistics-widget', Element);
