// Attribution to the reporting entity E, exactly as INDICATORS.md "Attribution" defines it:
//   share(E, X, D) = Σ_{i into X, date(i) ≤ D} amount(i) × w(E, investor(i), D) / Σ amount(i)
//   w(E, E, D) = 1;  w(E, F, D) = share(E, F, D) when F is a fund;  0 otherwise.
// Funds of funds compose through the recursion. Commitments into a fund count like any other
// investment: they are E's holding in it.
import type { InvestmentRow, OrganisationRow } from '../data/datasets.js';

export interface ShareUse {
  organisation: string;
  date: string;
  share: number;
}

export class Attribution {
  private readonly into = new Map<string, InvestmentRow[]>();
  private readonly memo = new Map<string, number>();
  /** Every share computed, for `explain`. */
  readonly used = new Map<string, ShareUse>();

  constructor(
    readonly entity: string | undefined,
    investments: readonly InvestmentRow[],
    private readonly organisations: ReadonlyMap<string, OrganisationRow>,
  ) {
    for (const investment of investments) {
      const list = this.into.get(investment.investee_id);
      if (list) list.push(investment);
      else this.into.set(investment.investee_id, [investment]);
    }
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
  share(orgId: string, date: string, visiting: Set<string> = new Set()): number {
    if (!this.entity) return 0;
    if (orgId === this.entity) return 1;
    const key = `${orgId}\u001f${date}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    // A cycle of funds holding each other would recurse forever; a fund in its own chain adds nothing.
    if (visiting.has(orgId)) return 0;
    visiting.add(orgId);
    let total = 0;
    let weighted = 0;
    for (const investment of this.into.get(orgId) ?? []) {
      if (investment.date > date) continue;
      total += investment.amount_eur;
      const investor = investment.investor_id;
      const w = investor === this.entity ? 1 : this.isFund(investor) ? this.share(investor, date, visiting) : 0;
      weighted += investment.amount_eur * w;
    }
    visiting.delete(orgId);
    const share = total > 0 ? weighted / total : 0;
    this.memo.set(key, share);
    this.used.set(key, { organisation: orgId, date, share });
    return share;
  }
}
