import type { PlacementCategory } from '@carecast/engine';
import type { AccommodationId } from './care-leavers-section.js';
import type { MoneyPerWeek, Percentage } from './units.js';
import type { LeverWindow } from './levers.js';

/**
 * Staying put changes for young people leaving foster care at 18: take-up (`takeUp: 60%` sets it,
 * `takeUpBy: +20%` changes it) and duration (`moveOnBy: -30%`: the move-on hazard falls, so stays last
 * longer; staying put ends at 21 in any case).
 */
export interface StayingPutLever extends LeverWindow {
  lever: 'staying-put';
  /** The former carer's category: `inhouse_foster` (needs households) or `ifa_foster`. __Default value:__ both */
  category?: PlacementCategory;
  /** Take-up from `from`: the chance a child leaving this foster care at 18 stays put. */
  takeUp?: Percentage;
  /** Change in take-up, e.g. `+20%` (the result is at most 100%). */
  takeUpBy?: Percentage;
  /** Change in the move-on hazard from staying put, e.g. `-30%` (at least -100%). */
  moveOnBy?: Percentage;
}

/** Places (supported lodgings, supported accommodation) and weekly cost of a care-leaver accommodation state. */
export interface CareLeaverAccommodationLever extends LeverWindow {
  lever: 'care-leaver-accommodation';
  accommodation: AccommodationId;
  /**
   * Places added (negative: removed), for a state with `model.careLeavers.capacity`; with a ramp they open
   * in whole places month by month.
   * @asType integer
   */
  places?: number;
  /** Cost per young person from `from`: `£300 per week` or 300. */
  weeklyCost?: MoneyPerWeek;
  /** Change in the cost per young person, e.g. `+10%`. */
  weeklyCostBy?: Percentage;
}
