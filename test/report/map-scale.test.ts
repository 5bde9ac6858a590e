// The choropleth's colour classes, on values whose classes were worked out by hand (map-scale.ts).
import { describe, expect, it } from 'vitest';
import { CLASS_COLOURS, colourScale } from '../../src/report/map-scale.js';

describe('colourScale', () => {
  it('cuts ten values into five classes of two at ranks 2, 4, 6, 8', () => {
    const scale = colourScale([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(scale.classes).toEqual([
      { colour: '#eff3ff', min: 1, max: 2 },
      { colour: '#bdd7e7', min: 3, max: 4 },
      { colour: '#6baed6', min: 5, max: 6 },
      { colour: '#3182bd', min: 7, max: 8 },
      { colour: '#08519c', min: 9, max: 10 },
    ]);
    expect(scale.classOf(4).colour).toBe('#bdd7e7');
    expect(scale.classOf(9).colour).toBe('#08519c');
    // Between two classes' values: the lower class.
    expect(scale.classOf(2.5).colour).toBe('#eff3ff');
  });

  it('keeps equal values in one class: four zeros, 5 and 10 give two classes, lightest and darkest', () => {
    // Three distinct values → k = 3; ranks ⌊6/3⌋ = 2 (a 0, the lowest already) and ⌊12/3⌋ = 4 (5).
    const scale = colourScale([0, 0, 10, 0, 5, 0]);
    expect(scale.classes).toEqual([
      { colour: '#eff3ff', min: 0, max: 0 },
      { colour: '#08519c', min: 5, max: 10 },
    ]);
    expect(scale.classOf(0).colour).toBe('#eff3ff');
    expect(scale.classOf(7).colour).toBe('#08519c');
  });

  it('gives one value one class in the middle blue, and no value no class', () => {
    expect(colourScale([7, 7]).classes).toEqual([{ colour: CLASS_COLOURS[2], min: 7, max: 7 }]);
    expect(colourScale([]).classes).toEqual([]);
  });

  it('spreads three classes over the palette: lightest, middle, darkest', () => {
    // Three values, three classes at ranks 1 and 2.
    expect(colourScale([1, 2, 3]).classes.map((c) => c.colour)).toEqual(['#eff3ff', '#6baed6', '#08519c']);
  });
});
