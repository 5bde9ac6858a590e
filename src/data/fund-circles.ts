// Funds held only by one another (INDICATORS.md "Funds that hold each other"): their share
// equations have no unique solution, so the investments that close such a circle are a located
// error. A group is closed on a day when its funds hold each other in a circle and no counted
// investment from outside the group (E, another investor, another fund) holds any of them.
import type { InvestmentRow, OrganisationRow } from './datasets.js';

export interface ClosedCircle {
  /** The funds of the group, sorted. */
  funds: string[];
  /** The first day the group is closed. */
  from: string;
  /** The investments between the group's funds that day: the ones that close the circle. */
  investments: InvestmentRow[];
}

const counts = (i: InvestmentRow, day: string): boolean =>
  i.amount_eur > 0 && i.date <= day && (i.exited_on === undefined || day < i.exited_on);

/** Every closed group of funds, checked on each day the set of counted investments changes. */
export function closedFundCircles(
  investments: readonly InvestmentRow[],
  organisations: ReadonlyMap<string, OrganisationRow>,
): ClosedCircle[] {
  const isFund = (id: string) => organisations.get(id)?.kind === 'fund';
  const betweenFunds = investments.filter((i) => isFund(i.investor_id) && isFund(i.investee_id));
  if (betweenFunds.length === 0) return [];
  const days = [...new Set(investments.flatMap((i) => (i.exited_on ? [i.date, i.exited_on] : [i.date])))].sort();
  const found = new Map<string, ClosedCircle>();
  for (const day of days) {
    const edges = betweenFunds.filter((i) => counts(i, day));
    for (const group of stronglyConnected(edges)) {
      const members = new Set(group);
      const inside = edges.filter((i) => members.has(i.investor_id) && members.has(i.investee_id));
      // A lone fund is a circle only when it holds itself.
      if (inside.length === 0) continue;
      const heldFromOutside = investments.some(
        (i) => members.has(i.investee_id) && !members.has(i.investor_id) && counts(i, day),
      );
      if (heldFromOutside) continue;
      const key = inside
        .map((i) => i.investment_id)
        .sort()
        .join('\u001f');
      if (!found.has(key)) found.set(key, { funds: [...group].sort(), from: day, investments: inside });
    }
  }
  return [...found.values()];
}

/** Tarjan's strongly connected components of the holder → investee graph. */
function stronglyConnected(edges: readonly InvestmentRow[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.investor_id, [...(next.get(e.investor_id) ?? []), e.investee_id]);
    if (!next.has(e.investee_id)) next.set(e.investee_id, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group);
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}
