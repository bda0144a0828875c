import { paraphrases } from '../answer/paraphrase.ts';
import { normalizeWord, termKey, tokenize } from '../text/terms.ts';

/** A question members asked, how often, and (optionally) the themes of the articles it touches. */
export interface AskedQuestion {
  text: string;
  /** How many times it was asked (1 when not given). */
  count?: number;
  /** Theme labels the question shares with the corpus (an extra key besides its words). */
  themes?: readonly string[];
}

/** A coverage gap: questions that share their key words or themes, the most asked first. */
export interface Gap {
  /** The words (and themes) most of the group's questions share, most shared first: the gap's name. */
  keyWords: string[];
  /** How many questions were asked in the group, repeats included. */
  count: number;
  /** The group's most asked question (the shortest among equals). */
  example: string;
  /** The group's distinct questions, most asked first. */
  questions: string[];
}

/** Options of `groupGaps`. */
export interface GapOptions {
  /**
   * How alike two groups must be (average cosine similarity of their questions' key-word weights,
   * 0 to 1) to be merged. Lower makes fewer, broader gaps.
   */
  threshold?: number;
  /**
   * How much of its neighbours' words each question borrows before grouping (0 = none): "rail line"
   * and "train ticket" share no word, but both share one with "high-speed rail" and "high-speed train".
   */
  smoothing?: number;
  /** The most distinct questions grouped (the most asked first); the rest are left out of the groups. */
  maxQuestions?: number;
}

/**
 * Groups unanswered questions into coverage gaps: each question becomes its key words (normalized,
 * Porter-stemmed, stop words out) plus its themes, weighted by how rare they are among the questions
 * (inverse document frequency, so a word every question shares joins nothing); groups are merged by
 * average-linkage agglomerative clustering while their average cosine similarity is at least
 * `threshold`. Repeats of a question (same words, case and spacing aside) count together. Returns the
 * groups largest first (by questions asked), each with its shared key words, count and an example.
 * Deterministic: the same questions in any order give the same groups.
 */
export function groupGaps(asked: readonly AskedQuestion[], options: GapOptions = {}): Gap[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const questions = distinctQuestions(asked).slice(0, options.maxQuestions ?? DEFAULT_MAX_QUESTIONS);
  if (!questions.length) return [];
  const vectors = smoothed(weightedVectors(questions), options.smoothing ?? DEFAULT_SMOOTHING);
  const clusters = averageLinkage(vectors, threshold);
  return clusters
    .map((members) => gapOf(members.map((i) => questions[i] as Distinct)))
    .sort(
      (a, b) => b.count - a.count || b.questions.length - a.questions.length || cmp(a.example, b.example),
    );
}

/**
 * Groups merge at this average similarity or above. On the tests' 40 questions in 5 topics, 0.12 to
 * 0.15 give the 5 topics; 0.2 splits "rail line" from "high-speed train", 0.1 joins unrelated topics.
 */
const DEFAULT_THRESHOLD = 0.15;
/** How much a paraphrase of a question's word counts, against the word itself. */
const RELATED = 0.5;
/** Each question borrows its neighbours' words weighted by this times their similarity. */
const DEFAULT_SMOOTHING = 0.5;
/** Clustering is cubic in the distinct questions: 300 take about 50 ms. */
const DEFAULT_MAX_QUESTIONS = 300;

/** One distinct question: its text as first asked, its keys, its count, and surface words per key. */
interface Distinct {
  text: string;
  count: number;
  keys: Set<string>;
  /** Keys of WordNet paraphrases of its words ("crop" for "harvest"), weighted RELATED. */
  related: Set<string>;
  surface: Map<string, string>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct questions (by their normalized words), most asked first, then alphabetically. */
function distinctQuestions(asked: readonly AskedQuestion[]): Distinct[] {
  const byForm = new Map<string, Distinct>();
  for (const q of asked) {
    const text = q.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const form = tokenize(text).map(normalizeWord).join(' ') || text.toLowerCase();
    const count = Math.max(1, Math.floor(q.count ?? 1));
    const known = byForm.get(form);
    if (known) {
      known.count += count;
      if (cmp(text, known.text) < 0) known.text = text;
      for (const theme of q.themes ?? []) known.keys.add(themeKey(theme));
      continue;
    }
    const keys = new Set<string>();
    const related = new Set<string>();
    const surface = new Map<string, string>();
    for (const word of tokenize(text)) {
      const key = termKey(word);
      if (!key) continue;
      keys.add(key);
      if (!surface.has(key)) surface.set(key, normalizeWord(word));
      for (const other of paraphrases(normalizeWord(word), null)) {
        const otherKey = termKey(other);
        if (otherKey && otherKey !== key) related.add(otherKey);
      }
    }
    for (const key of keys) related.delete(key);
    for (const theme of q.themes ?? []) {
      keys.add(themeKey(theme));
      surface.set(themeKey(theme), theme);
    }
    byForm.set(form, { text, count, keys, related, surface });
  }
  return [...byForm.values()].sort((a, b) => b.count - a.count || cmp(a.text, b.text));
}

/** Themes are keys of their own kind, so a theme never merges with a word of the same spelling. */
const themeKey = (theme: string) => `#${theme.toLowerCase()}`;

/** Each question's keys weighted by inverse document frequency, as unit vectors. */
function weightedVectors(questions: readonly Distinct[]): Array<Map<string, number>> {
  const df = new Map<string, number>();
  for (const q of questions)
    for (const key of new Set([...q.keys, ...q.related])) df.set(key, (df.get(key) ?? 0) + 1);
  const n = questions.length;
  return questions.map((q) => {
    const vector = new Map<string, number>();
    for (const [keys, factor] of [
      [q.keys, 1],
      [q.related, RELATED],
    ] as const) {
      for (const key of keys) {
        const count = df.get(key) as number;
        // A key of one question only can join nothing: left out, it does not dilute the shared ones.
        if (count < 2 || vector.has(key)) continue;
        vector.set(key, factor * Math.log((n + 1) / count));
      }
    }
    return unit(vector);
  });
}

/**
 * Second-order vectors: each question's vector plus its neighbours' vectors weighted by `alpha` times
 * their cosine similarity, normalized again. Questions that share no word but share neighbours (a
 * word used with the same other words) come closer; a question with no shared word stays as it was.
 */
function smoothed(vectors: ReadonlyArray<Map<string, number>>, alpha: number): Array<Map<string, number>> {
  if (alpha <= 0) return [...vectors];
  return vectors.map((v, i) => {
    const out = new Map(v);
    vectors.forEach((u, j) => {
      if (i === j) return;
      const similarity = cosine(v, u);
      if (similarity <= 0) return;
      for (const [key, weight] of u) out.set(key, (out.get(key) ?? 0) + alpha * similarity * weight);
    });
    return unit(out);
  });
}

/** A vector scaled to length 1 (an empty one stays empty). */
function unit(vector: Map<string, number>): Map<string, number> {
  let norm = 0;
  for (const weight of vector.values()) norm += weight * weight;
  norm = Math.sqrt(norm) || 1;
  for (const [key, weight] of vector) vector.set(key, weight / norm);
  return vector;
}

/** Cosine similarity of two unit vectors. */
function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, weight] of small) dot += weight * (large.get(key) ?? 0);
  return dot;
}

/**
 * Average-linkage agglomerative clustering: starts with one cluster per vector and merges the most
 * similar pair while their average similarity is at least `threshold` (Lance–Williams update). Ties go
 * to the lowest indices, so the result depends only on the (sorted) input.
 */
function averageLinkage(vectors: ReadonlyArray<Map<string, number>>, threshold: number): number[][] {
  const n = vectors.length;
  const sim: Float64Array[] = vectors.map((a, i) => {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++)
      row[j] = i === j ? Number.NEGATIVE_INFINITY : cosine(a, vectors[j] as Map<string, number>);
    return row;
  });
  const members: Array<number[] | null> = vectors.map((_, i) => [i]);
  for (;;) {
    let best = threshold - 1e-12;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      const row = sim[i] as Float64Array;
      for (let j = i + 1; j < n; j++) {
        if (members[j] && (row[j] as number) > best) {
          best = row[j] as number;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    const a = members[bi] as number[];
    const b = members[bj] as number[];
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bi || k === bj) continue;
      const merged =
        (a.length * ((sim[bi] as Float64Array)[k] as number) +
          b.length * ((sim[bj] as Float64Array)[k] as number)) /
        (a.length + b.length);
      (sim[bi] as Float64Array)[k] = merged;
      (sim[k] as Float64Array)[bi] = merged;
    }
    members[bi] = [...a, ...b];
    members[bj] = null;
  }
  return members.filter((m): m is number[] => m !== null);
}

/** How many shared words name a gap. */
const NAME_WORDS = 3;

/** A cluster as a gap: its count, most asked question, and the keys most of its questions share. */
function gapOf(questions: Distinct[]): Gap {
  questions.sort((a, b) => b.count - a.count || a.text.length - b.text.length || cmp(a.text, b.text));
  const shared = new Map<string, number>();
  for (const q of questions) for (const key of q.keys) shared.set(key, (shared.get(key) ?? 0) + 1);
  const minimum = questions.length > 1 ? 2 : 1;
  const keyWords = [...shared]
    .filter(([, count]) => count >= minimum)
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, NAME_WORDS)
    .map(([key]) => questions.find((q) => q.surface.has(key))?.surface.get(key) ?? key);
  return {
    keyWords,
    count: questions.reduce((sum, q) => sum + q.count, 0),
    example: (questions[0] as Distinct).text,
    questions: questions.map((q) => q.text),
  };
}
