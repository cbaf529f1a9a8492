// The interval around a difference between two independent shares: Newcombe's hybrid score
// interval (Newcombe 1998, "Interval estimation for the difference between independent
// proportions", Statistics in Medicine 17:873–890, method 10), built from the two Wilson intervals.
import { Z_95, wilson } from './wilson.js';

/** A difference of two shares (first − second) and its 95% interval, each from −1 to 1. */
export interface Difference {
  difference: number;
  low: number;
  high: number;
}

/**
 * Newcombe's method 10 for p1 − p2, p1 = x1 / n1 and p2 = x2 / n2, with (l1, u1) and (l2, u2)
 * their Wilson score intervals: δ = p1 − p2, from δ − √((p1 − l1)² + (u2 − p2)²) to
 * δ + √((u1 − p1)² + (p2 − l2)²). Each count is a whole number from 0 to its n, each n ≥ 1.
 */
export function newcombe(x1: number, n1: number, x2: number, n2: number, z: number = Z_95): Difference {
  const first = wilson(x1, n1, z);
  const second = wilson(x2, n2, z);
  const difference = first.share - second.share;
  return {
    difference,
    low: Math.max(-1, difference - Math.hypot(first.share - first.low, second.high - second.share)),
    high: Math.min(1, difference + Math.hypot(first.high - first.share, second.share - second.low)),
  };
}
