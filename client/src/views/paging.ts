// How many rows a level of a view shows. VS Code asks for a whole level at once and makes a row for
// every item it gets, so a level of 10,000 containers would be slow to draw and of no use to read:
// a level shows its first PAGE_SIZE rows and a "Show more" row, each click showing as many again
// (so 10,000 rows are seven clicks away; the filter finds any one at once). Pure: unit-tested.

export const PAGE_SIZE = 100;

export interface Page {
  /** Rows shown. */
  shown: number;
  /** Rows after them, not shown. */
  hidden: number;
  /** Rows the "Show more" row would add (0: no such row). */
  more: number;
}

/** The page of a level of `total` rows when it may show `limit`. */
export function pageOf(total: number, limit: number = PAGE_SIZE): Page {
  const shown = Math.max(0, Math.min(total, Math.floor(limit)));
  const hidden = Math.max(0, total - shown);
  return { shown, hidden, more: Math.min(hidden, Math.max(shown, PAGE_SIZE)) };
}

/** The limits of each level of one view, by level key ('' is the top level). */
export class PageLimits {
  private readonly limits = new Map<string, number>();

  limitOf(level: string): number {
    return this.limits.get(level) ?? PAGE_SIZE;
  }

  /** Shows `more` rows more at this level; returns the new limit. */
  showMore(level: string, more: number): number {
    const limit = this.limitOf(level) + Math.max(0, Math.floor(more));
    this.limits.set(level, limit);
    return limit;
  }

  /** Back to the first page everywhere (a new filter, another engine). */
  reset(): void {
    this.limits.clear();
  }
}
