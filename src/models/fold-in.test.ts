import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { foldInUser } from './fold-in.js';
import { gramian } from './ials.js';

describe('foldInUser', () => {
  it("solves the user's ALS normal equations over every item, observed or not", () => {
    const rng = new Rng(7);
    const f = 4;
    const nItems = 30;
    const itemFactors = Float32Array.from({ length: nItems * f }, () => rng.next() - 0.5);
    const lambda = 0.3;
    const model = {
      factors: f,
      itemFactors,
      gramian: gramian(itemFactors, nItems, f, lambda),
      lambda,
      alpha: 2,
    };
    const engagements = [
      { item: 3, weight: 1 },
      { item: 17, weight: 2.5 },
      { item: 22, weight: 0.4 },
    ];
    const x = foldInUser(model, engagements);
    // Gradient of Σ_i c_i (p_i − x·y_i)² + λ‖x‖², from its definition: zero at the optimum.
    const grad = new Float64Array(f);
    for (let i = 0; i < nItems; i++) {
      const e = engagements.find((g) => g.item === i);
      const c = e ? 1 + model.alpha * e.weight : 1;
      const p = e ? 1 : 0;
      let dot = 0;
      for (let d = 0; d < f; d++) dot += x[d]! * itemFactors[i * f + d]!;
      for (let d = 0; d < f; d++) grad[d]! += c * (p - dot) * itemFactors[i * f + d]!;
    }
    for (let d = 0; d < f; d++) expect(grad[d]! - model.lambda * x[d]!).toBeCloseTo(0, 4);
    expect(foldInUser(model, [])).toEqual(new Float32Array(f));
  });
});
