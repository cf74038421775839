import type { StaffRole } from '@hotline/shared-types';
import type { Logger } from '../logger';
import type { StaffRecord } from '../modules/staff/staff.repository';

/** What middleware puts on ctx.state for the handlers after it. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The signed-in citizen, on citizen routes. */
  citizen?: { id: string; openid: string };
  /** The signed-in staff member, on admin routes. */
  staff?: { id: string; role: StaffRole; unit: string | null; regionCode: string | null };
  staffRecord?: StaffRecord;
}
