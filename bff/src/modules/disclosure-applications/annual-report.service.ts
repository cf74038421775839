import type { DisclosureReviews } from '@hotline/shared-types';
import type { StaffRecord } from '../staff/staff.repository';
import { annualReportWorkbook, countYear, type YearCounts } from './annual-report';
import type { DisclosureDeps } from './disclosure.service';

/** A calendar year in the city's time zone. */
function yearBounds(deps: DisclosureDeps, year: number): { start: Date; end: Date } {
  const { calendar } = deps.city;
  return { start: calendar.dayStart(`${year}-01-01`), end: calendar.dayStart(`${year + 1}-01-01`) };
}

export async function countDisclosureYear(deps: DisclosureDeps, year: number): Promise<YearCounts> {
  const { start, end } = yearBounds(deps, year);
  return countYear(await deps.disclosure.reportRows(start, end), start, end);
}

export async function getReviews(deps: DisclosureDeps, year: number): Promise<DisclosureReviews | null> {
  const row = await deps.disclosure.reviews(year);
  return row ? ({ year, ...row.counts } as DisclosureReviews) : null;
}

export async function saveReviews(deps: DisclosureDeps, staff: StaffRecord, reviews: DisclosureReviews) {
  const { year, ...counts } = reviews;
  await deps.disclosure.saveReviews({ year, counts, updatedBy: staff.id, updatedAt: deps.clock.now() });
  return reviews;
}

export async function annualReport(deps: DisclosureDeps, year: number): Promise<Buffer> {
  return annualReportWorkbook(await countDisclosureYear(deps, year), await getReviews(deps, year));
}
