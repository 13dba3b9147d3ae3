import { addCalendarMonths } from '../../events/calendar-date';
import { evolve, initialState } from '../../decider/domain';
import { allKeyIssuesAgreed, toShadow } from '../../decider/fixtures';
import { keyIssuesReview } from './deadlines';

describe('deadlines the record implies', () => {
  it('adds whole calendar months, keeping to the end of a shorter month', () => {
    expect(addCalendarMonths('2009-01-19', 6)).toBe('2009-07-19');
    expect(addCalendarMonths('2008-08-31', 6)).toBe('2009-02-28');
    expect(addCalendarMonths('2011-08-31', 6)).toBe('2012-02-29');
    expect(addCalendarMonths('2009-11-30', 3)).toBe('2010-02-28');
  });

  it('puts the key issues review six months after the board convened, until every issue is agreed', () => {
    const shadow = toShadow().reduce(evolve, initialState());
    expect(keyIssuesReview(shadow)).toMatchObject({ deadline: '2009-07-15', open: expect.any(Array) });
    const agreed = allKeyIssuesAgreed().reduce(evolve, shadow);
    expect(keyIssuesReview(agreed)).toBeNull();
  });
});
