import { IsClientId } from '../../http/validators';

export class TrustParams {
  @IsClientId({ description: 'The trust id.' })
  trustId!: string;
}
