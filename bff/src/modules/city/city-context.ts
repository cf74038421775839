import type { CaseCategory, CityProfile, RegionNode } from '@hotline/config';
import type { CaseType } from '@hotline/shared-types';
import { WorkingCalendar } from '../calendar/working-calendar';

export interface ResolvedRegion {
  code: string;
  name: string;
  level: RegionNode['level'];
}

/**
 * The city's configuration in the shapes the services need: category lookup, region lookup and resolution
 * from address text, time limits and the working calendar.
 */
export class CityContext {
  readonly calendar: WorkingCalendar;
  private readonly categoriesByCode: Map<string, CaseCategory>;
  private readonly regionsByCode = new Map<string, ResolvedRegion>();
  /** Every name and alias of every region below the city, longest first, so 郾城区 wins over a shorter alias. */
  private readonly regionNames: { text: string; region: ResolvedRegion; depth: number }[] = [];
  /** Each region's code with every code below it. */
  private readonly subtree = new Map<string, string[]>();
  /** Each region's county-level ancestor (itself for a county; the city for the city). */
  private readonly countyOf = new Map<string, ResolvedRegion>();

  constructor(readonly profile: CityProfile) {
    this.calendar = new WorkingCalendar(profile.calendar);
    this.categoriesByCode = new Map(profile.categories.map((c) => [c.code, c]));
    const walk = (node: RegionNode, depth: number, county: ResolvedRegion | null): string[] => {
      const region = { code: node.code, name: node.name, level: node.level };
      this.regionsByCode.set(node.code, region);
      const countyHere = depth === 1 ? region : county;
      this.countyOf.set(node.code, countyHere ?? region);
      if (depth > 0) for (const text of [node.name, ...node.aliases]) this.regionNames.push({ text, region, depth });
      const codes = [node.code, ...node.children.flatMap((child) => walk(child, depth + 1, countyHere))];
      this.subtree.set(node.code, codes);
      return codes;
    };
    walk(profile.region, 0, null);
    this.regionNames.sort((a, b) => b.depth - a.depth || b.text.length - a.text.length);
  }

  get categories(): CaseCategory[] {
    return this.profile.categories;
  }

  category(code: string): CaseCategory | undefined {
    return this.categoriesByCode.get(code);
  }

  region(code: string | null): ResolvedRegion | null {
    return code ? (this.regionsByCode.get(code) ?? null) : null;
  }

  /** The region's code and the codes of every region below it; empty for an unknown code. */
  regionAndBelow(code: string): string[] {
    return this.subtree.get(code) ?? [];
  }

  /** The county-level unit a region belongs to (itself for a county), for figures by region. */
  county(code: string | null): ResolvedRegion | null {
    return code ? (this.countyOf.get(code) ?? null) : null;
  }

  get units(): CityProfile['units'] {
    return this.profile.units;
  }

  /** The most specific region (township, else county) named in an address, or null. */
  resolveRegion(address: string | undefined): ResolvedRegion | null {
    if (!address) return null;
    return this.regionNames.find((entry) => address.includes(entry.text))?.region ?? null;
  }

  timeLimitDays(type: CaseType): number {
    return this.profile.timeLimits[type];
  }
}
