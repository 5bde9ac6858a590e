// Attribution to the reporting entity E, exactly as INDICATORS.md "Attribution" defines it:
//   share(E, X, D) = Σ_{i into X counted on D} amount(i) × w(E, investor(i), D) / Σ amount(i)
//   w(E, E, D) = 1;  w(E, F, D) = share(E, F, D) when F is a fund;  0 otherwise.
// Funds' shares are one linear system per date ("Funds that hold each other"): solved, never
// recursed, so funds that hold one another get the same shares whatever order they are met in.
// This module is pure: investments and organisations in, shares out; the engine asks it.
import type { InvestmentRow, OrganisationRow } from '../data/datasets.js';

export interface ShareUse {
  organisation: string;
  date: string;
  share: number;
}

/**
 * Whether investment `i` counts in shares on day `date` (INDICATORS.md "Attribution over time"):
 * from its date, until the day before its exit.
 */
export function countsOn(investment: Pick<InvestmentRow, 'date' | 'exited_on'>, date: string): boolean {
  return investment.date <= date && (investment.exited_on === undefined || date < investment.exited_on);
}

/**
 * The day whose share a flow row takes: the last day of the row's calendar year (by its event
 * date), or the range's end when that is earlier (INDICATORS.md "Attribution over time").
 */
export function yearEndDate(eventDate: string, rangeEnd: string): string {
  const yearEnd = `${eventDate.slice(0, 4)}-12-31`;
  return yearEnd < rangeEnd ? yearEnd : rangeEnd;
}

/** A cell's additive part for attribution: an organisation, and the day its share is taken when not the cell's end. */
export function attributionKey(organisation: string, day: string | undefined): string {
  return day === undefined ? organisation : `${organisation}\u001f${day}`;
}

export function fromAttributionKey(key: string): { organisation: string; day: string | undefined } {
  const cut = key.lastIndexOf('\u001f');
  return cut < 0 ? { organisation: key, day: undefined } : { organisation: key.slice(0, cut), day: key.slice(cut + 1) };
}

/** One change of share(E, X, ·) on `date`, and the investments that started or ended that day upstream of X. */
export interface ShareChange {
  date: string;
  share: number;
  why: { investment_id: string; investor_id: string; investee_id: string; event: 'invested' | 'exited' }[];
}

/** The days whose share a flow cell from `start` to `end` uses: each year's last day in it, or the range's end. */
export function flowShareDays(start: string, end: string, rangeEnd: string): string[] {
  const days: string[] = [];
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    days.push(yearEndDate(`${year}-01-01`, rangeEnd));
  }
  return [...new Set(days)];
}

export class Attribution {
  private readonly into = new Map<string, InvestmentRow[]>();
  private readonly outOf = new Map<string, InvestmentRow[]>();
  /** Every day on which the set of counted investments changes, sorted: a date's epoch is the last one ≤ it. */
  private readonly changes: string[];
  /**
   * The days on which an investment into a fund starts or ends, sorted. The funds' equations read only
   * those investments, so between two of these days they are the same system, solved once.
   */
  private readonly fundChanges: string[];
  private readonly fundSharesByEpoch = new Map<string, Map<string, number>>();
  private readonly memo = new Map<string, Map<string, number>>();
  /** Every share computed, for `explain`. */
  readonly used = new Map<string, ShareUse>();

  constructor(
    readonly entity: string | undefined,
    investments: readonly InvestmentRow[],
    private readonly organisations: ReadonlyMap<string, OrganisationRow>,
  ) {
    const changes = new Set<string>();
    const fundChanges = new Set<string>();
    for (const investment of investments) {
      push(this.into, investment.investee_id, investment);
      push(this.outOf, investment.investor_id, investment);
      changes.add(investment.date);
      if (investment.exited_on !== undefined) changes.add(investment.exited_on);
      if (this.isFund(investment.investee_id)) {
        fundChanges.add(investment.date);
        if (investment.exited_on !== undefined) fundChanges.add(investment.exited_on);
      }
    }
    this.changes = [...changes].sort();
    this.fundChanges = [...fundChanges].sort();
  }

  isFund(orgId: string): boolean {
    return this.organisations.get(orgId)?.kind === 'fund';
  }

  /** w(E, investor, D). */
  weight(investorId: string, date: string): number {
    if (!this.entity) return 0;
    if (investorId === this.entity) return 1;
    if (this.isFund(investorId)) return this.share(investorId, date);
    return 0;
  }

  /**
   * share(E, X, D). E's own rows are wholly its own (share 1): the formula would otherwise ask
   * who financed E, which says nothing about E's responsibility for its own actions.
   */
  share(orgId: string, date: string): number {
    const share = this.shareOn(orgId, date);
    if (this.entity && orgId !== this.entity) {
      // Asked once per row: the day's set of organisations answers without building the key.
      let recorded = this.recorded.get(date);
      if (!recorded) {
        recorded = new Set();
        this.recorded.set(date, recorded);
      }
      if (!recorded.has(orgId)) {
        recorded.add(orgId);
        this.used.set(`${orgId}\u001f${date}`, { organisation: orgId, date, share });
      }
    }
    return share;
  }
  /** The keys of `used`, by day then organisation. */
  private readonly recorded = new Map<string, Set<string>>();

  /**
   * Every change of share(E, X, ·) up to `until` (for `explain`): the day, the new share, and the
   * investments into X or into the funds that hold it (at any depth) that started or ended that day.
   */
  timeline(orgId: string, until: string): ShareChange[] {
    const upstream = new Set([orgId]);
    const queue = [orgId];
    while (queue.length > 0) {
      for (const investment of this.into.get(queue.pop()!) ?? []) {
        const holder = investment.investor_id;
        if (this.isFund(holder) && !upstream.has(holder)) {
          upstream.add(holder);
          queue.push(holder);
        }
      }
    }
    const changes: ShareChange[] = [];
    let last = 0;
    for (const day of this.changes) {
      if (day > until) break;
      const share = this.shareOn(orgId, day);
      if (share === last) continue;
      last = share;
      const why: ShareChange['why'] = [];
      for (const org of [...upstream].sort()) {
        for (const i of this.into.get(org) ?? []) {
          const event = i.date === day ? 'invested' : i.exited_on === day ? 'exited' : undefined;
          if (event) why.push({ investment_id: i.investment_id, investor_id: i.investor_id, investee_id: org, event });
        }
      }
      changes.push({ date: day, share, why });
    }
    return changes;
  }

  private shareOn(orgId: string, date: string): number {
    if (!this.entity) return 0;
    if (orgId === this.entity) return 1;
    let byOrg = this.memo.get(date);
    if (!byOrg) {
      byOrg = new Map();
      this.memo.set(date, byOrg);
    }
    const known = byOrg.get(orgId);
    if (known !== undefined) return known;
    const share = this.isFund(orgId) ? (this.fundShares(date).get(orgId) ?? 0) : this.directShare(orgId, date);
    byOrg.set(orgId, share);
    return share;
  }

  /** The investments into X that count on `date`, for `explain`. */
  holdings(orgId: string, date: string): InvestmentRow[] {
    return (this.into.get(orgId) ?? []).filter((i) => countsOn(i, date));
  }

  private directShare(orgId: string, date: string): number {
    let total = 0;
    let weighted = 0;
    for (const investment of this.into.get(orgId) ?? []) {
      if (!countsOn(investment, date)) continue;
      total += investment.amount_eur;
      const investor = investment.investor_id;
      const w = investor === this.entity ? 1 : this.isFund(investor) ? this.shareOn(investor, date) : 0;
      weighted += investment.amount_eur * w;
    }
    return total > 0 ? weighted / total : 0;
  }

  /** Every fund's share on `date`, solved once per epoch (they only change when an investment into a fund does). */
  private fundShares(date: string): Map<string, number> {
    const epoch = lastAtOrBefore(this.fundChanges, date);
    if (epoch === undefined) return new Map();
    let shares = this.fundSharesByEpoch.get(epoch);
    if (!shares) {
      shares = this.solveFunds(epoch);
      this.fundSharesByEpoch.set(epoch, shares);
    }
    return shares;
  }

  /**
   * The share equations over the funds E reaches through counted investments: for each fund F,
   *   s_F − Σ_{G fund} (amount G→F / total into F) × s_G = amount E→F / total into F.
   * Every group of these funds is held from outside (E's path enters it), so the system has one
   * solution; funds E does not reach have share 0.
   */
  private solveFunds(date: string): Map<string, number> {
    const entity = this.entity!;
    const reached = new Set<string>();
    const queue = [entity];
    while (queue.length > 0) {
      const holder = queue.pop()!;
      for (const investment of this.outOf.get(holder) ?? []) {
        const fund = investment.investee_id;
        if (fund === entity || reached.has(fund) || !this.isFund(fund)) continue;
        if (investment.amount_eur <= 0 || !countsOn(investment, date)) continue;
        reached.add(fund);
        queue.push(fund);
      }
    }
    // Sorted so the arithmetic, and so the last bits of every share, do not depend on row order.
    const funds = [...reached].sort();
    const index = new Map(funds.map((f, k) => [f, k]));
    const n = funds.length;
    const matrix = funds.map(() => new Array<number>(n + 1).fill(0));
    funds.forEach((fund, row) => {
      const counted = (this.into.get(fund) ?? []).filter((i) => countsOn(i, date));
      const total = counted.reduce((sum, i) => sum + i.amount_eur, 0);
      const equation = matrix[row]!;
      equation[row] = 1;
      for (const investment of counted) {
        const fraction = investment.amount_eur / total;
        if (investment.investor_id === entity) equation[n]! += fraction;
        else {
          const column = index.get(investment.investor_id);
          if (column !== undefined) equation[column]! -= fraction;
        }
      }
    });
    const solution = solveLinear(matrix);
    return new Map(funds.map((fund, k) => [fund, solution[k]!]));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The last of the sorted `days` that is ≤ `date`. */
function lastAtOrBefore(days: readonly string[], date: string): string | undefined {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : days[lo - 1];
}

/** Gaussian elimination with partial pivoting on an augmented n × (n + 1) matrix (modified in place). */
export function solveLinear(matrix: number[][]): number[] {
  const n = matrix.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(matrix[r]![col]!) > Math.abs(matrix[pivot]![col]!)) pivot = r;
    }
    if (matrix[pivot]![col] === 0) throw new Error('the share equations have no unique solution');
    [matrix[col], matrix[pivot]] = [matrix[pivot]!, matrix[col]!];
    const top = matrix[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = matrix[r]!;
      const factor = row[col]! / top[col]!;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c]! -= factor * top[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = matrix[r]!;
    let sum = row[n]!;
    for (let c = r + 1; c < n; c++) sum -= row[c]! * x[c]!;
    x[r] = sum / row[r]!;
  }
  return x;
}
