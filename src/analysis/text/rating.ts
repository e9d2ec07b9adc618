// Ratings as sentiment: scale detection (1–5 or 0–10), mapping to [-1, 1], and blending with text sentiment.

export type RatingScale = '1-5' | '0-10';

/** The scale of a set of ratings: 0–10 when any is 0 or above 5, else 1–5. */
export function detectRatingScale(ratings: Iterable<number | null | undefined>): RatingScale {
  for (const r of ratings) if (typeof r === 'number' && (r > 5 || r === 0)) return '0-10';
  return '1-5';
}

/** A rating mapped to [-1, 1]: 1★ → −1, 3★ → 0, 5★ → +1; on 0–10, 0 → −1, 5 → 0, 10 → +1. */
export function ratingSentiment(rating: number, scale: RatingScale): number {
  const v = scale === '1-5' ? (rating - 3) / 2 : (rating - 5) / 5;
  return Math.max(-1, Math.min(1, v));
}

/** Text sentiment blended with a rating when one is given (weight = the rating's share, default 0.5). */
export function blendWithRating(
  text: number,
  rating: number | null | undefined,
  scale: RatingScale,
  weight = 0.5,
): number {
  if (rating === null || rating === undefined || !Number.isFinite(rating)) return text;
  return (1 - weight) * text + weight * ratingSentiment(rating, scale);
}
