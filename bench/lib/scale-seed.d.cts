import type { CityProfile } from '@hotline/config';

export function seedCases(
  conn: { query(sql: string): Promise<unknown> },
  options: { total: number; end: Date; city: CityProfile; progress?: (done: number) => void },
): Promise<void>;
export function citizenSql(total: number): string;
export function citizenOf(expr: string, cases: number): string;
