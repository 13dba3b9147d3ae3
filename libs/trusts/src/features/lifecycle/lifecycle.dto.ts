import { DatedDto } from '../../http/command-controller';
import { IsText } from '../../http/validators';

export class GiveApprovalDto extends DatedDto {
  @IsText({ max: 200, example: 'Cheshire East Shadow Cabinet' }) approvedBy!: string;
  @IsText({ optional: true, max: 200, description: 'Minute or report reference.' }) reference?: string | null;
}

export class AppointFacilitatorDto extends DatedDto {
  @IsText({ max: 200 }) person!: string;
  @IsText({ max: 200, example: 'Business unit development manager' }) role!: string;
}

export class DcsInPostDto extends DatedDto {
  @IsText({ max: 200 }) person!: string;
}

export class ConveneBoardDto extends DatedDto {
  @IsText({ max: 200, example: "Children's Trust Implementation Board" }) boardName!: string;
  @IsText({ max: 200 }) chair!: string;
}

export class VestingDayDto extends DatedDto {}

export class EstablishBusinessUnitDto extends DatedDto {
  @IsText({ optional: true, max: 200 }) manager?: string | null;
  @IsText({ optional: true, max: 300 }) fundingSource?: string | null;
  @IsText({ optional: true, max: 300 }) website?: string | null;
}

export class InaugurateBoardDto extends DatedDto {
  @IsText({ max: 200, example: "Cheshire East Children's Trust Board" }) boardName!: string;
  @IsText({ max: 200 }) chair!: string;
}
