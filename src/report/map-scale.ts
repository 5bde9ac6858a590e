// A choropleth's colour classes: up to five quantile classes of the mapped values, so that a few large
// territories (Paris) do not leave every other one in the lightest colour. A class's legend gives the
// lowest and highest value really in it, never a bound no territory has.

/** Five sequential blues, lightest first (ColorBrewer "Blues", 5 classes). */
export const CLASS_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

export interface ColourClass {
  colour: string;
  /** The lowest and highest mapped values in the class. */
  min: number;
  max: number;
}

export interface ColourScale {
  classes: ColourClass[];
  /** The class a value falls in, by the thresholds (a value between two classes' values takes the lower). */
  classOf(value: number): ColourClass;
}

/**
 * Classes by rank: with n values sorted and k = min(5, distinct values) classes, the lowest value of
 * class i (i = 1…k−1) is the value at rank ⌊i·n/k⌋; equal values always share a class, so a class
 * whose threshold repeats the previous one's is merged into it. Colours spread over the palette
 * (two classes: lightest and darkest; one class: the middle blue).
 */
export function colourScale(values: readonly number[]): ColourScale {
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = new Set(sorted).size;
  const k = Math.min(CLASS_COLOURS.length, distinct);
  const thresholds: number[] = [];
  for (let i = 1; i < k; i++) {
    const t = sorted[Math.floor((i * sorted.length) / k)]!;
    if (t > (thresholds.at(-1) ?? sorted[0]!)) thresholds.push(t);
  }
  const index = (value: number): number => thresholds.filter((t) => value >= t).length;
  const count = thresholds.length + 1;
  const palette = (i: number): string =>
    CLASS_COLOURS[count === 1 ? 2 : Math.round((i * (CLASS_COLOURS.length - 1)) / (count - 1))]!;
  const classes: ColourClass[] = Array.from({ length: count }, (_, i) => ({
    colour: palette(i),
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
  }));
  for (const v of sorted) {
    const c = classes[index(v)]!;
    c.min = Math.min(c.min, v);
    c.max = Math.max(c.max, v);
  }
  return { classes: sorted.length === 0 ? [] : classes, classOf: (value) => classes[index(value)]! };
}
