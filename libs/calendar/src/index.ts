export { CalendarModule } from './calendar.module';
export type { CalendarConfig } from './calendar-config';
