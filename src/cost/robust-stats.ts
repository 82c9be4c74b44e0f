/** Robust statistics for baselines: a few outliers (a holiday, one failed run) barely move them. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const centre = median(values);
  return median(values.map((value) => Math.abs(value - centre)));
}

/** MAD × 1.4826 estimates the standard deviation of normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * How many robust standard deviations `value` lies above the median of `baseline`. A flat
 * baseline (MAD 0) makes any increase infinitely unusual; other checks must guard the size.
 */
export function robustDeviations(value: number, baseline: readonly number[]): number {
  const centre = median(baseline);
  const spread = medianAbsoluteDeviation(baseline) * MAD_TO_SIGMA;
  const above = value - centre;
  if (spread === 0) return above > 0 ? Number.POSITIVE_INFINITY : 0;
  return above / spread;
}
