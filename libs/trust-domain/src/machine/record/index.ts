export * from './types';
export { emptyRecord } from './empty';
export { applyEvent } from './reduce';
export { activeMembers } from './people';
export { openKeyIssues } from './governance';
export * from './append-log';
export { attendanceOf, lastMeetingOn, type AttendanceRow } from './attendance';
export { keyIssuesReview, planReviewDue, KEY_ISSUES_REVIEW_MONTHS, PLAN_REVIEW_MONTHS } from './deadlines';
