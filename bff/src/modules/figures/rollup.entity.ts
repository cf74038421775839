import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What both rollup tables hold per key: type × area × unit × region, and how many cases each figure counts in the
 * row's day or month (each figure by its own date, docs/metrics.md). `unit` and `region_code` hold '' for "none"
 * so the primary key can be unique. Written only by the fold (rollup.fold.ts), never by the case write paths.
 */
abstract class RollupCounts {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  type!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  category!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  unit!: string;

  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 32 })
  regionCode!: string;

  /** Submitted (created_at). */
  @Column({ type: 'int', default: 0 })
  received!: number;

  /** Closed (closed_at), not withdrawn; and their summed handling milliseconds. */
  @Column({ type: 'int', default: 0 })
  closed!: number;

  @Column({ name: 'closed_ms', type: 'bigint', default: 0 })
  closedMs!: string;

  /** Due (due_at), not withdrawn: all of them, the closed ones, and those closed by the deadline. */
  @Column({ name: 'due_all', type: 'int', default: 0 })
  dueAll!: number;

  @Column({ name: 'due_closed', type: 'int', default: 0 })
  dueClosed!: number;

  @Column({ name: 'due_on_time', type: 'int', default: 0 })
  dueOnTime!: number;

  /** Rated (rated_at), and how many of them satisfied or basically satisfied. */
  @Column({ type: 'int', default: 0 })
  rated!: number;

  @Column({ name: 'rated_good', type: 'int', default: 0 })
  ratedGood!: number;

  /** First dispatched (dispatched_at): all, the signed ones, and those signed within the limit. */
  @Column({ type: 'int', default: 0 })
  dispatched!: number;

  @Column({ type: 'int', default: 0 })
  signed!: number;

  @Column({ name: 'signed_in_time', type: 'int', default: 0 })
  signedInTime!: number;
}

/** The counts per city-time day (`YYYY-MM-DD`). */
@Entity({ name: 'case_figures' })
export class CaseFigureEntity extends RollupCounts {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;
}

/**
 * The same counts per city-time month (`YYYY-MM`): a year by any grouping reads twelve months of these, and only
 * the partial months at a period's ends (and the month of the moment of asking) read days.
 */
@Entity({ name: 'case_figures_monthly' })
export class CaseFigureMonthEntity extends RollupCounts {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;
}

/** What the rollup holds of each case: its figure facts as last folded, so a change is folded as a difference. */
@Entity({ name: 'case_figure_marks' })
export class CaseFigureMarkEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 26 })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ name: 'handling_unit', type: 'varchar', length: 100, nullable: true })
  handlingUnit!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 32, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3, nullable: true })
  dispatchedAt!: Date | null;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true })
  signedAt!: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  rating!: string | null;

  @Column({ name: 'rated_at', type: 'datetime', precision: 3, nullable: true })
  ratedAt!: Date | null;
}

/** How far the fold has read the cases, in (updated_at, id) order. One row (id 1). */
@Entity({ name: 'case_figures_cursor' })
export class CaseFiguresCursorEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ name: 'folded_at', type: 'datetime', precision: 3, nullable: true })
  foldedAt!: Date | null;

  @Column({ name: 'folded_id', type: 'varchar', length: 26, nullable: true })
  foldedId!: string | null;
}

export const ROLLUP_ENTITIES = [CaseFigureEntity, CaseFigureMonthEntity, CaseFigureMarkEntity, CaseFiguresCursorEntity];
