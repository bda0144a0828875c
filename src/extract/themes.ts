import { isPersonNoun } from '../lexicon/wordClasses.ts';
import { LEX_FILE, wordNet } from '../lexicon/wordnet.ts';
import { termKey } from '../text/terms.ts';
import { joinsNext, type Token } from './tagger.ts';

/** A key phrase of the event, with the sentences it comes from. */
export interface Theme {
  /** The phrase as the article writes it ("full revitalization of northeast China"). */
  phrase: string;
  /** Other phrasings merged into it ("full revitalization"). */
  variants: string[];
  score: number;
  sentenceIds: string[];
}

/** A sentence's words, tagged, with its id. */
export interface TaggedSentence {
  id: string;
  text: string;
  tokens: Token[];
}

interface Candidate {
  key: string[];
  /** An "X of Y" compound: kept only when it recurs, else its parts stand for it. */
  compound: boolean;
  /** Named as one item of an enumeration ("technological innovation, grain production and ..."). */
  listed: boolean;
  forms: Map<string, number>;
  sentenceIds: Set<string>;
  head: string;
  /** Longer phrases seen holding this one ("full revitalization" in "full revitalization of ..."). */
  parents: Set<Candidate>;
}

/** How many themes are kept: the list is for people to read, and it is precomputed. */
const MAX_THEMES = 300;

/** Whether a word can be part of a key phrase: an adjective or a noun that is not a name of a person. */
function phraseWord(token: Token | undefined): boolean {
  if (!token) return false;
  const t = token.tags;
  if (t.has('Pronoun') || t.has('Determiner') || t.has('Value') || t.has('Possessive') || t.has('Person'))
    return false;
  if (t.has('Verb') && !t.has('Noun') && !t.has('Adjective')) return false;
  if (t.has('Preposition') || t.has('Conjunction') || t.has('Adverb') || t.has('QuestionWord')) return false;
  // Capitalized words belong to names (organizations, people), except places ("northeast China") and titles.
  if (/^\p{Lu}/u.test(token.text) && !token.quoted && !t.has('Place') && token.start > 0) return false;
  if (token.pre.includes('(') || token.post.includes(')')) return false;
  return termKey(token.text) !== null;
}

/** Maximal runs of adjectives and nouns ("technological innovation"), as token index spans. */
function chunks(tokens: Token[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!phraseWord(tokens[i])) {
      i++;
      continue;
    }
    let to = i;
    while (to + 1 < tokens.length && joinsNext(tokens[to] as Token) && phraseWord(tokens[to + 1])) to++;
    // A phrase ends in a noun: drop trailing adjectives.
    while (to > i && !tokens[to]?.tags.has('Noun')) to--;
    if (tokens[to]?.tags.has('Noun')) spans.push([i, to]);
    i = to + 1;
  }
  return spans;
}

/** The display form of a phrase: verbatim, with a sentence-initial or title-case capital lowered. */
function displayForm(sentence: string, tokens: Token[], from: number, to: number): string {
  const text = sentence.slice(tokens[from]?.start ?? 0, tokens[to]?.end ?? 0);
  return text
    .split(' ')
    .map((word, i) => {
      const token = tokens[from + i];
      const proper =
        token?.tags.has('ProperNoun') && !token.quoted && (from + i > 0 || token.tags.has('Place'));
      return proper ? word : word.toLowerCase();
    })
    .join(' ');
}

/**
 * Ranks the key phrases of a set of sentences: noun phrases ("technological innovation") and their
 * "of" compounds ("full revitalization of northeast China"), minus names of people and groups of people.
 * Variants meet: a phrase inside a longer one with the same head joins it when the longer one recurs,
 * and a one-off longer phrase gives way to the shorter one it contains. Score: how many sentences
 * carry the theme, times how often its words occur (so recurring subjects rank first), with a bonus
 * for phrases of two or more words.
 */
export function findThemes(sentences: TaggedSentence[], excluded: ReadonlySet<string>): Theme[] {
  const candidates = new Map<string, Candidate>();
  const wordCount = new Map<string, number>();
  const add = (
    s: TaggedSentence,
    from: number,
    to: number,
    how: { compound?: boolean; listed?: boolean } = {},
  ) => {
    const words = s.tokens.slice(from, to + 1);
    const key = words.map((t) => termKey(t.text)).filter((k): k is string => k !== null);
    const head = how.compound
      ? words.find((t) => t.post.trim() === '' && words[words.indexOf(t) + 1]?.text === 'of')
      : words.at(-1);
    if (!key.length || !head || isPersonNoun(head.text) || isTimeNoun(head.text)) return;
    const form = displayForm(s.text, s.tokens, from, to);
    if (excluded.has(form.toLowerCase())) return;
    const id = key.join(' ');
    let candidate = candidates.get(id);
    if (!candidate) {
      candidate = {
        key,
        compound: how.compound === true,
        listed: false,
        forms: new Map(),
        sentenceIds: new Set(),
        head: termKey(head.text) ?? '',
        parents: new Set(),
      };
      candidates.set(id, candidate);
    }
    if (how.listed) candidate.listed = true;
    candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + (words.some((t) => t.quoted) ? 0 : 1));
    candidate.sentenceIds.add(s.id);
    return candidate;
  };
  const link = (inner: Candidate | undefined, outer: Candidate | undefined) => {
    if (inner && outer && inner !== outer) inner.parents.add(outer);
  };
  for (const s of sentences) {
    for (const t of s.tokens) {
      const k = termKey(t.text);
      if (k && phraseWord(t)) wordCount.set(k, (wordCount.get(k) ?? 0) + 1);
    }
    const spans = chunks(s.tokens);
    const listed = enumerated(s.tokens, spans);
    const chunkCandidates = spans.map(([from, to], n) => add(s, from, to, { listed: listed.has(n) }));
    spans.forEach(([from, to], n) => {
      if (to > from) link(add(s, to, to), chunkCandidates[n]);
      const next = spans[n + 1];
      const of = s.tokens[to + 1];
      if (next && of?.text.toLowerCase() === 'of' && next[0] === to + 2 && joinsNext(s.tokens[to] as Token)) {
        const compound = add(s, from, next[1], { compound: true });
        link(chunkCandidates[n], compound);
        link(chunkCandidates[n + 1], compound);
      }
    });
  }
  return rankThemes([...candidates.values()], wordCount);
}

/** Whether a noun's first sense is a time ("years", "era", "week"): those are when, not what. */
function isTimeNoun(word: string): boolean {
  return wordNet().synsets(word, 'noun')[0]?.lexFile === LEX_FILE.nounTime;
}

/**
 * The chunks that are items of an enumeration of three or more ("X, Y, Z and W"): separated only by
 * commas and a final "and"/"or". Articles list their subjects this way.
 */
function enumerated(tokens: Token[], spans: Array<[number, number]>): Set<number> {
  const items = new Set<number>();
  let run: number[] = [];
  const close = () => {
    if (run.length >= 3) for (const n of run) items.add(n);
    run = [];
  };
  spans.forEach(([, to], n) => {
    if (!run.length) run = [n];
    const next = spans[n + 1];
    const last = tokens[to];
    const gap = next ? tokens.slice(to + 1, next[0]) : [];
    const comma = next && gap.length === 0 && /^,\s+$/.test(last?.post ?? '');
    const conj =
      next && gap.length === 1 && /^(?:and|or)$/.test(gap[0]?.text ?? '') && joinsNext(last as Token);
    const commaConj =
      next && gap.length === 1 && /^(?:and|or)$/.test(gap[0]?.text ?? '') && /^,\s+$/.test(last?.post ?? '');
    if (comma || conj || commaConj) run.push(n + 1);
    else close();
  });
  close();
  return items;
}

/** Whether every word of `inner` stands in `outer`, in order. */
function containedIn(inner: string[], outer: string[]): boolean {
  let at = 0;
  for (const word of outer) if (word === inner[at]) at++;
  return at === inner.length && inner.length < outer.length;
}

function rankThemes(candidates: Candidate[], wordCount: Map<string, number>): Theme[] {
  const merged = new Map<Candidate, Candidate>();
  const resolve = (c: Candidate): Candidate => {
    let at = c;
    for (let next = merged.get(at); next; next = merged.get(at)) at = next;
    return at;
  };
  const bySize = [...candidates].sort((a, b) => a.key.length - b.key.length);
  for (const inner of bySize) {
    const outers = [...inner.parents].filter(
      (o) => containedIn(inner.key, o.key) && o.key.includes(inner.head),
    );
    const recurring = outers
      .filter((o) => o.sentenceIds.size >= 2)
      .sort((a, b) => b.sentenceIds.size - a.sentenceIds.size);
    const target = recurring[0];
    if (target) merged.set(inner, target);
    else if (inner.sentenceIds.size >= 2) {
      for (const outer of outers) if (!merged.has(outer)) merged.set(outer, inner);
    }
  }
  const groups = new Map<Candidate, Candidate[]>();
  for (const c of candidates) {
    const root = resolve(c);
    const group = groups.get(root);
    if (group) group.push(c);
    else groups.set(root, [c]);
  }
  const themes: Theme[] = [];
  for (const [root, members] of groups) {
    const sentenceIds = [...new Set(members.flatMap((m) => [...m.sentenceIds]))];
    if (sentenceIds.length < 2 && (root.key.length === 1 || root.compound)) continue;
    const forms = [...root.forms.entries()].sort((a, b) => b[1] - a[1]);
    const phrase = forms[0]?.[0] ?? root.key.join(' ');
    const weight = root.key.reduce((sum, k) => sum + Math.log1p(wordCount.get(k) ?? 1), 0) / root.key.length;
    const score = sentenceIds.length * weight * (root.key.length > 1 ? 1.5 : 1) * (root.listed ? 1.25 : 1);
    const variants = [
      ...new Map(members.flatMap((m) => [...m.forms.keys()]).map((f) => [f.toLowerCase(), f])).values(),
    ].filter((f) => f.toLowerCase() !== phrase.toLowerCase());
    themes.push({ phrase, variants, score: Math.round(score * 1000) / 1000, sentenceIds });
  }
  return themes.sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase)).slice(0, MAX_THEMES);
}
