import { DatedDto } from '../../http/command-controller';
import { IsCalendarDate, IsClientId, IsText } from '../../http/validators';

export class PlanParams {
  @IsClientId() trustId!: string;
  @IsClientId() planId!: string;
}

export class DraftPlanDto extends DatedDto {
  @IsClientId({ example: 'cypp-2010-13' }) planId!: string;
  @IsText({ max: 300, example: "Children and Young People's Plan 2010-13" }) title!: string;
  @IsText({ max: 50, example: '2010-2013' }) period!: string;
}

export class OpenConsultationDto extends DatedDto {
  @IsCalendarDate({ optional: true, description: 'When the consultation closes.' }) closesOn?: string | null;
}

export class ConsultLscbDto extends DatedDto {
  @IsText({ optional: true, max: 4000, description: "The LSCB's response." }) response?: string | null;
}

export class ApprovePlanDto extends DatedDto {
  @IsText({ max: 200 }) approvedBy!: string;
}

export class PublishPlanDto extends DatedDto {
  @IsText({ optional: true, max: 500 }) url?: string | null;
}

export class StartAnnualReviewDto extends DatedDto {
  @IsText({ max: 20, example: '2010-11' }) reviewYear!: string;
}

export class CompleteAnnualReviewDto extends DatedDto {
  @IsText({ optional: true, max: 4000 }) summary?: string | null;
}
