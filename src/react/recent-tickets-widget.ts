// `customer-information-center/react/recent-tickets-widget`: the React component of
// <recent-tickets-widget>. Importing it registers that element and the elements it renders, nothing else.
import '../components/recent-tickets-widget/define.js';
import { RecentTicketsWidget as Element } from '../components/recent-tickets-widget/recent-tickets-widget.js';
import { reactComponent } from '../internal/react-component.js';

export const RecentTicketsWidget = reactComponent('recent-tickets-widget', Element);
