/**
 * SQuAD's answer scoring, as in its official evaluation script: answers are normalized (lower case,
 * punctuation and the articles a/an/the removed, white space collapsed), then compared by exact match
 * and by the F1 of their shared tokens.
 */

/** Normalizes an answer as SQuAD's script does. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, '')
    .replace(/\b(?:a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

/** 1 when the normalized answers are equal, else 0. */
export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

/** The F1 of the tokens two answers share (counted with multiplicity), after normalization. */
export function tokenF1(prediction: string, gold: string): number {
  const predicted = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const wanted = normalizeAnswer(gold).split(' ').filter(Boolean);
  if (!predicted.length || !wanted.length) return predicted.length === wanted.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of wanted) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of predicted) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      same++;
      counts.set(t, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / predicted.length;
  const recall = same / wanted.length;
  return (2 * precision * recall) / (precision + recall);
}
