/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
 * Lower bound of the Wilson score interval for `successes` out of `n`: the
 * share we can claim with 95 % confidence. 0 when there is nothing to go on.
 * Pure.
 */
export function wilsonLowerBound(successes: number, n: number, z = Z95): number {
  if (n <= 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}
