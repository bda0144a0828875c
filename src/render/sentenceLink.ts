/**
 * A link to a sentence in its article: the URL with a text fragment (`#:~:text=start,end`) that
 * browsers highlight. Long sentences are given by their first and last words.
 */
export function sentenceLink(url: string, sentence: string): string {
  const words = sentence.split(/\s+/).filter(Boolean);
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
  const fragment =
    words.length <= 8
      ? encode(words.join(' '))
      : `${encode(words.slice(0, 4).join(' '))},${encode(words.slice(-4).join(' '))}`;
  const base = url.split('#')[0] ?? url;
  return `${base}#:~:text=${fragment}`;
}
