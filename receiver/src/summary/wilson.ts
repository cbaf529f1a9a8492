// The interval around a share: Wilson's score interval.
import type { Interval } from './types.js';

/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z_95 = 1.959964;

/**
 * Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3: no continuity
 * correction). Unlike the textbook p ± z·√(p(1−p)/n), it stays inside [0, 1] and is not zero
 * wide at 0 or n successes. Returns share = successes / n, and the interval around it.
 * `successes` is a whole number from 0 to n; `n` a whole number ≥ 1.
 */
export function wilson(successes: number, n: number, z: number = Z_95): Interval {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('wilson: n must be a whole number ≥ 1');
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError('wilson: successes must be a whole number from 0 to n');
  }
  if (!(z > 0)) throw new RangeError('wilson: z must be > 0');
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    share: p,
    // At 0 (or n) successes the bound is exactly 0 (or 1); rounding must not make it -1e-17.
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** A published figure: rounded to 4 decimal places. */
export const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/** The share `successes / n` and its Wilson interval as published: each rounded to 4 decimal places. */
export function publishedInterval(successes: number, n: number): Interval {
  const { share, low, high } = wilson(successes, n);
  return { share: round4(share), low: round4(low), high: round4(high) };
}
