/**
 * Vertex of the parabola through three equally spaced samples (y at −1, 0, +1): the offset of the
 * extremum from the middle sample, in samples, and the value there. The classic sub-sample peak
 * estimate (e.g. Smith, "Spectral Audio Signal Processing", quadratic interpolation of spectral
 * peaks); exact for a parabola, biased by up to a few hundredths of a sample for other peak shapes.
 *
 * Returns offset 0 and the middle value when the three points are collinear (no curvature), and
 * clamps the offset to [−1, 1] (a vertex beyond the outer samples means the middle one is not an
 * extremum). NaN in, NaN out.
 */
export function parabolicVertex(before: number, middle: number, after: number): { offset: number; value: number } {
  const curvature = before - 2 * middle + after;
  if (curvature === 0) return { offset: 0, value: middle };
  const offset = Math.max(-1, Math.min(1, (0.5 * (before - after)) / curvature));
  return { offset, value: middle - 0.25 * (before - after) * offset };
}
