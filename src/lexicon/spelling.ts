const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The words one typing slip away from a word, most likely slip first: a dropped letter ("wher" for
 * "where", "spok" for "spoke": the commonest slip), two letters swapped ("teh"), one letter for
 * another, then one letter too many. Each is listed once, at its likeliest slip; the word itself is
 * not listed. Lower case, letters only.
 */
export function oneSlipAway(word: string): string[] {
  const w = word.toLowerCase();
  const found = new Set<string>();
  const add = (candidate: string) => {
    if (candidate !== w && candidate.length > 0) found.add(candidate);
  };
  // A letter was dropped: put one back. At the end first ("spok"), then from the end backwards.
  for (let i = w.length; i >= 0; i--) for (const c of LETTERS) add(w.slice(0, i) + c + w.slice(i));
  for (let i = 0; i + 1 < w.length; i++) add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  for (let i = w.length - 1; i >= 0; i--)
    for (const c of LETTERS) if (c !== w[i]) add(w.slice(0, i) + c + w.slice(i + 1));
  for (let i = 0; i < w.length; i++) add(w.slice(0, i) + w.slice(i + 1));
  return [...found];
}

/**
 * The word a misspelt word most likely stands for: of the words one slip away (`oneSlipAway`) that
 * `isWord` accepts, the first one `preferred` accepts (a word the articles support), else the first
 * one. Null when no word is one slip away.
 */
export function correctSpelling(
  word: string,
  isWord: (candidate: string) => boolean,
  preferred: (candidate: string) => boolean = () => false,
): string | null {
  const words = oneSlipAway(word).filter(isWord);
  return words.find(preferred) ?? words[0] ?? null;
}
