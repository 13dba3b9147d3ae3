export * from './types';
export { emptyRecord } from './empty';
export { applyEvent } from './reduce';
export { activeMembers } from './people';
export * from './append-log';
export { attendanceOf, type AttendanceRow } from './attendance';
