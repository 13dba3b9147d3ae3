import { PageQuery } from '@trustworks/platform';
import { IsClientId } from '../../http/validators';

export class TrustParams {
  @IsClientId({ description: 'The trust id.' })
  trustId!: string;
}

/** `?page=&pageSize=` of the meetings; page 1 holds the most recently recorded (see `PageQuery`). */
export class MeetingsQuery extends PageQuery {}
