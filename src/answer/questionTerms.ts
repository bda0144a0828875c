import { eventFellows } from '../lexicon/eventVerbs.ts';
import { wordNet } from '../lexicon/wordnet.ts';
import type { WeightedTerm } from '../search/sentenceIndex.ts';
import { MAX_QUERY_TERMS } from '../search/sentenceIndex.ts';
import { termKey, termKeys } from '../text/terms.ts';
import { cousinsOf, kindsOf, paraphrases } from './paraphrase.ts';
import { NAMING_VERBS, type ParsedQuestion, parseQuestion, type QuestionWord } from './question.ts';

/** A weighted query key and the question word it stands for (itself, or the word it paraphrases). */
export interface QuestionTerm extends WeightedTerm {
  stands: string;
}

/** How much a paraphrase counts against one of the asker's own words. */
export const PARAPHRASE_WEIGHT = 0.3;
/** How much a narrower word ("conference" for "meeting") counts. */
export const KIND_WEIGHT = 0.2;
/** At most this many keys of one kind of relation (paraphrases, narrower words ...) join a query for one word. */
const MAX_RELATED_PER_WORD = 12;
/** At most this many paraphrase keys join a query. */
const MAX_PARAPHRASE_TERMS = 16;

/** Greetings, fillers and addresses that open or close a chat message but are not part of a question. */
const FILLER =
  /^(?:(?:hey|hi|hello|yo|ok|okay|so|um+|uh+|well|please|pls|plz|thanks|thank you|thx|bot|citebot|guys|all|folks|quick question|question)\b[\s,!.:;-]*)+|[\s,!.]*\b(?:please|pls|plz|thanks|thank you|thx)[\s!.]*$/giu;
/** Emoji, emoticons (":)", ";-P", "xD", "<3"), Discord custom emoji ("<:name:123>"), "@everyone" and "@here". */
const DECORATION =
  /<a?:\w+:\d+>|(?<=^|\s)@(?:everyone|here)\b|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*|(?<=^|\s)(?:[:;=8][-^']?[)(\][DPpOo3/\\|*]+|[xX][Dd]+|<3+|\^_*\^|[oO]_[oO])(?=\s|$|[?!.,])/gu;

/** Discord mentions of a member, role or channel ("<@123>", "<@!123>", "<@&123>", "<#123>"): whom it is for, not what it asks. */
const MENTION = /<(?:@[!&]?|#)\d+>/g;

/**
 * A chat message reduced to its question: mentions (and @everyone, @here), emoji, emoticons, greetings
 * ("hey,") and closing courtesies ("thanks!") go, so "hey <@123>, who spoke? 🎉" asks what "who spoke?" asks. A message that is
 * nothing but those is kept as it is.
 */
export function cleanQuestion(message: string): string {
  const cleaned = message
    .replace(MENTION, ' ')
    .replace(DECORATION, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(FILLER, '')
    .trim();
  return cleaned || message.trim();
}

/**
 * The weighted keys of a question: its own words (weight 1), their dictionary forms ("spoke" ->
 * "speak", weight 1), WordNet paraphrases (PARAPHRASE_WEIGHT), narrower nouns and verbs and the
 * words sharing a sense with a synonym (KIND_WEIGHT), and for a question asking for a slogan or
 * title the verbs that name one. Only paraphrases that `known` accepts (the corpus uses them) are
 * kept, so words no article holds do not take the places of those it does.
 */
export function questionTerms(
  question: string,
  parsed: ParsedQuestion = parseQuestion(question),
  known: (key: string) => boolean = () => true,
): QuestionTerm[] {
  const terms = new Map<string, QuestionTerm>();
  // In "which day" or "what year" the noun names the kind of answer (a date), not its content: it is
  // left out of the search, as the question word is.
  const answerType = parsed.type === 'when' && parsed.focus ? termKey(parsed.focus) : null;
  const put = (key: string, weight: number, stands: string) => {
    if (!terms.has(key) && key !== answerType) terms.set(key, { key, weight, stands });
  };
  for (const key of termKeys(question)) if (terms.size < MAX_QUERY_TERMS) put(key, 1, key);
  const words = parsed.words.slice(0, MAX_QUERY_TERMS).filter((w) => termKey(w.root) !== answerType);
  for (const word of words) {
    const key = termKey(word.root);
    if (key && terms.size < MAX_QUERY_TERMS) put(key, 1, termKey(word.text) ?? key);
  }
  let added = 0;
  const expand = (
    word: QuestionWord,
    related: readonly string[],
    weight: number,
    loose = weight < PARAPHRASE_WEIGHT,
  ) => {
    const stands = termKey(word.text) ?? termKey(word.root) ?? word.root;
    let mine = 0;
    for (const key of related.flatMap(termKeys)) {
      if (
        added < MAX_PARAPHRASE_TERMS &&
        mine < MAX_RELATED_PER_WORD &&
        !terms.has(key) &&
        (!loose || known(key))
      ) {
        put(key, weight, stands);
        added++;
        mine++;
      }
    }
  };
  // "took part": a verb and the word after it that WordNet knows as one verb ("take part" ->
  // "participate") are paraphrased as one, and the second word ("part") not on its own ("depart").
  // ("take" itself is too common a word to search, but not "take part").
  const units = verbUnits(parsed.words);
  const unitVerbs = [...units.of.keys()].filter((w) => !words.includes(w));
  // The unit is one word of the question: "part" stands for "took part".
  for (const [verb, next] of units.pairs) {
    const own = termKey(next.text);
    const term = own ? terms.get(own) : undefined;
    if (term) term.stands = termKey(verb.text) ?? term.stands;
  }
  // "organized" -> "hosted", "held": verbs of the same part in an event that WordNet does not link.
  // They come before WordNet's paraphrases, which mix a verb's senses ("organize" -> "engineer",
  // "mastermind"): a query reaches the index with its first MAX_QUERY_TERMS keys only.
  for (const word of [...words, ...unitVerbs]) {
    const fellows = word.pos === 'verb' ? eventFellows(units.of.get(word) ?? word.root) : [];
    if (fellows.length) expand(word, fellows, PARAPHRASE_WEIGHT, true);
  }
  for (const word of [...words, ...unitVerbs]) {
    if (units.joined.has(word)) continue;
    const unit = units.of.get(word);
    expand(word, unit ? paraphrases(unit, 'verb') : paraphrases(word.root, word.pos), PARAPHRASE_WEIGHT);
  }
  for (const word of words)
    if (!units.joined.has(word)) expand(word, kindsOf(word.root, word.pos), KIND_WEIGHT);
  // "what was the slogan?": the articles give a slogan, motto or title by the verb that names it
  // ("Themed 'X'", "called 'X'").
  const focus = parsed.type === 'name' ? words.find((w) => w.root === parsed.focus) : undefined;
  if (focus && !NAMING_VERBS.has(focus.root)) expand(focus, [...NAMING_VERBS], PARAPHRASE_WEIGHT);
  for (const word of words)
    if (!units.joined.has(word)) expand(word, cousinsOf(word.root, word.pos), KIND_WEIGHT);
  return [...terms.values()];
}

/**
 * The verbs of a question that WordNet knows joined with the word after them ("take part", "set
 * up", "find out"): each such verb with the unit's lemma ("take_part"), and the words joined to one.
 */
export function verbUnits(words: readonly QuestionWord[]): {
  of: Map<QuestionWord, string>;
  joined: Set<QuestionWord>;
  pairs: Array<[QuestionWord, QuestionWord]>;
} {
  const of = new Map<QuestionWord, string>();
  const joined = new Set<QuestionWord>();
  const pairs: Array<[QuestionWord, QuestionWord]> = [];
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (word.pos !== 'verb' || !next || joined.has(word)) return;
    const unit = `${word.root}_${next.text.toLowerCase()}`;
    if (wordNet().synsets(unit, 'verb').length === 0) return;
    of.set(word, unit);
    joined.add(next);
    pairs.push([word, next]);
  });
  return { of, joined, pairs };
}
