import { tagSentence } from '../extract/tagger.ts';
import { termKey } from '../text/terms.ts';
import type { ParsedQuestion } from './question.ts';
import { type ScoredSpan, tidySpan } from './span.ts';
import { gapBefore, spansOf, type Token, tokensOf } from './spans.ts';

/**
 * Answer patterns: the part of a sentence a question asks for, read from how the sentence is built
 * once the question's own words are found in it, in the manner of answer-pattern QA systems. Each
 * pattern is general (no word of any one article): the clause reported after a verb of saying, the
 * object or the subject of the question's verb (or of its paraphrase), the complement of "willing
 * to", the "of" phrase after a noun made from the question's verb ("the attendance of ..."), an
 * appositive and the name it describes, and what happened at a time the question gives.
 */

/** What the patterns read of a question. */
export interface PatternQuestion {
  /** The question as asked (cleaned of greetings and typos). */
  text: string;
  parsed: Pick<ParsedQuestion, 'type' | 'focus' | 'words'>;
  /** The index keys of the question's own words. */
  keys: ReadonlySet<string>;
  /** Every key of the question, paraphrases included, and the key of the question word it stands for. */
  stands: ReadonlyMap<string, string>;
}

/** Verbs of saying, by their forms: what follows one is what was said. */
const SAYING = new Set(
  [
    'say says said saying',
    'tell tells told telling',
    'add adds added adding',
    'state states stated stating',
    'announce announces announced announcing',
    'claim claims claimed claiming',
    'declare declares declared declaring',
    'note notes noted noting',
    'stress stresses stressed stressing',
    'argue argues argued arguing',
    'explain explains explained explaining',
    'warn warns warned warning',
    'insist insists insisted insisting',
    'report reports reported reporting',
    'write writes wrote writing',
    'emphasize emphasizes emphasized emphasizing',
    'emphasise emphasises emphasised emphasising',
    'mention mentions mentioned mentioning',
    'suggest suggests suggested suggesting',
    'predict predicts predicted predicting',
    'promise promises promised promising',
    'speak speaks spoke speaking talk talks talked talking',
  ]
    .join(' ')
    .split(' '),
);
/** Question verbs that ask what was said. */
const ASKS_SAYING =
  /^(?:say|tell|add|state|announce|claim|declare|note|stress|argue|explain|warn|insist|report|write|emphasize|emphasise|mention|suggest|predict|promise|speak|talk)$/;

/** Auxiliaries between a question word and its verb ("what has strengthened", "who did"). */
const AUXILIARY =
  /^(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|can|could|may|might|shall|should|must)$/i;
/** Words after which a passive's agent ("hosted by X") has ended: prepositions of adjuncts, relative words. */
const AGENT_ENDS =
  /^(?:in|from|on|at|during|since|after|before|with|for|as|to|until|which|who|that|while|when)$/i;
/** Words that open a clause inside a sentence: the subject of a verb starts after them. */
const CLAUSE_OPENERS = /^(?:that|which|who|whom|while|whereas|because|although|though|when|where|if|but)$/i;
/** Prepositions after which an -ing word opens an adjunct, not part of a phrase ("in adopting ..."). */
const ADJUNCT_PREPOSITIONS = /^(?:in|by|while|through|after|before|for|without|when)$/i;
/** Words a span neither starts nor ends with. */
const EDGE_WORDS =
  /^(?:and|or|but|as|of|in|on|at|to|by|for|with|from|that|which|who|whose|is|are|was|were|be|been|has|have|had|its|their|his|her|also|well|the|a|an)$/i;
/** Articles, which may open an answer ("the capital city of ..."). */
const ARTICLES = /^(?:the|a|an)$/i;
/** The longest span a pattern offers, in words. */
const MAX_WORDS = 24;
/** The longest subject a pattern offers, in words. */
const MAX_SUBJECT = 14;
/** The longest item of a list ("energy transition"), in words. */
const MAX_ITEM = 6;

/** Tagged sentences, by text (the patterns run on the few sentences a reply shows). */
const TAGGED = 2_000;
const taggedMemory = new Map<string, Map<number, ReadonlySet<string>>>();

/** The part-of-speech tags of each word of a sentence, by its offset. */
function tagsOf(text: string): Map<number, ReadonlySet<string>> {
  let tags = taggedMemory.get(text);
  if (!tags) {
    tags = new Map(tagSentence(text).map((t) => [t.start, t.tags]));
    if (taggedMemory.size >= TAGGED) taggedMemory.delete(taggedMemory.keys().next().value as string);
    taggedMemory.set(text, tags);
  }
  return tags;
}

/** A sentence read for the patterns: its tokens, their tags, and where clauses break. */
export class Reading {
  readonly tokens: Token[];
  private readonly tags: Map<number, ReadonlySet<string>>;
  constructor(readonly text: string) {
    this.tokens = tokensOf(text);
    this.tags = tagsOf(text);
  }
  word(i: number): string {
    return this.tokens[i]?.text ?? '';
  }
  lower(i: number): string {
    return this.word(i).toLowerCase();
  }
  has(i: number, tag: string): boolean {
    const token = this.tokens[i];
    return !!token && !!this.tags.get(token.start)?.has(tag);
  }
  isVerb(i: number): boolean {
    return this.has(i, 'Verb') && !this.has(i, 'Noun');
  }
  /** Whether punctuation that ends a phrase (a comma, semicolon, colon, bracket, dash) stands before token i. */
  breaksBefore(i: number): boolean {
    if (i <= 0 || i >= this.tokens.length) return true;
    return /[,;:()"“”—–]|\s-\s/.test(gapBefore(this.text, this.tokens, i));
  }
  span(first: number, last: number, fit = 1): ScoredSpan | null {
    // A leading article stays ("the capital city of ..."); other function words go.
    while (
      first <= last &&
      EDGE_WORDS.test(this.word(first)) &&
      !ARTICLES.test(this.word(first)) &&
      this.word(first) !== this.word(first).toUpperCase()
    )
      first++;
    while (last >= first && EDGE_WORDS.test(this.word(last))) last--;
    if (first > last) return null;
    const a = this.tokens[first] as Token;
    const b = this.tokens[last] as Token;
    return { kind: 'phrase', start: a.start, end: b.end, fit };
  }
}

/**
 * The forms a question's verb takes in a sentence, its own keys first, then the paraphrases standing
 * for it: a sentence that uses the very verb is read there, not at a synonym it also holds
 * ("generate higher returns", not "return of capital").
 */
function verbKeys(question: PatternQuestion, verb: { text: string; root: string }): Set<string>[] {
  const stands = termKey(verb.text) ?? termKey(verb.root);
  const own = new Set<string>();
  for (const key of [termKey(verb.text), termKey(verb.root)]) if (key) own.add(key);
  const paraphrases = new Set<string>();
  for (const [key, standsFor] of question.stands)
    if (standsFor === stands && !own.has(key)) paraphrases.add(key);
  return [own, paraphrases];
}

/** The positions of a sentence's words whose keys are in one of the sets, the first set's first. */
function positionsOf(r: Reading, keySets: Set<string>[], from = 0): number[] {
  const at: number[] = [];
  for (const keys of keySets)
    for (let i = from; i < r.tokens.length; i++) {
      const key = r.tokens[i]?.key;
      if (key && keys.has(key)) at.push(i);
    }
  return at;
}

/** "what was chosen as ...?": the participle after "was", which the tagger may read as an adjective. */
function passiveVerb(question: PatternQuestion) {
  const match = /^what\s+(?:is|are|was|were)\s+([\p{L}]+)/iu.exec(question.text);
  const word = match?.[1]?.toLowerCase();
  return word ? question.parsed.words.find((w) => w.text.toLowerCase() === word) : undefined;
}

/**
 * "what did the board launch?": after "did"/"does"/"do" and the subject, the last word is the verb,
 * which the tagger may read as a noun.
 */
function doSupportVerb(question: PatternQuestion) {
  const match =
    /^what\s+(?:did|does|do|will|would|can|could|should)\s+.+?\s([\p{L}]+)(?:\s+(?:to|in|on|for|with|from|of|about|at|into|as|like))?\W*$/iu.exec(
      question.text,
    );
  const word = match?.[1]?.toLowerCase();
  return word ? question.parsed.words.find((w) => w.text.toLowerCase() === word) : undefined;
}

/** The question's main verb: its last verb that is no auxiliary ("deepen" in "what does the CPC want to deepen?"). */
function questionVerb(question: PatternQuestion) {
  const verbs = question.parsed.words.filter((w) => w.pos === 'verb' && !AUXILIARY.test(w.text));
  return verbs[verbs.length - 1];
}

/**
 * Where a phrase that starts at `first` ends: before clause punctuation, an adjunct opened by a
 * preposition and an -ing word ("in adopting ..."), a verb that starts another clause, or at most
 * MAX_WORDS words; a list ("A, B, C and D") runs across its commas.
 */
function phraseEnd(r: Reading, first: number, { list = true } = {}): number {
  const n = r.tokens.length;
  let last = first;
  while (last + 1 < n && last + 1 - first < MAX_WORDS) {
    const next = last + 1;
    if (r.breaksBefore(next)) {
      if (list && listContinues(r, next)) {
        last = next;
        continue;
      }
      break;
    }
    if (ADJUNCT_PREPOSITIONS.test(r.word(next)) && /ing$/i.test(r.word(next + 1))) break;
    last = next;
  }
  return last;
}

/** Whether a list goes on at token i (after a comma): short items up to an "and"/"or" item, then the clause ends. */
function listContinues(r: Reading, i: number): boolean {
  const n = r.tokens.length;
  let item = 0;
  for (let k = i; k < n; k++) {
    if (k > i && r.breaksBefore(k)) {
      if (!/,/.test(gapBefore(r.text, r.tokens, k))) return false;
      item = 0;
      continue;
    }
    // A verb in the past ("said") ends a list; the tagger's present tense is often a plural noun.
    if (r.isVerb(k) && r.has(k, 'PastTense')) return false;
    if (/^(?:and|or)$/i.test(r.word(k)) && k > i) {
      // The last item: it runs to the end of the clause, short.
      let end = k + 1;
      while (end < n && !r.breaksBefore(end) && end - k <= MAX_ITEM) end++;
      return end - k <= MAX_ITEM + 1 && (end >= n || r.breaksBefore(end));
    }
    if (++item > MAX_ITEM) return false;
  }
  return false;
}

/** "what did Liu say?": the clause after the sentence's verb of saying ("said (that) ..."). */
function reportedClause(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const verb = questionVerb(question);
  // "what did X say?" asks what was said; "who said ...?" asks who (see subjectOfVerb).
  if (!verb || !ASKS_SAYING.test(verb.root) || !/^what\b/i.test(question.text)) return null;
  const anchors = anchorsOf(r, question);
  let best = -1;
  for (let i = 0; i < r.tokens.length; i++) {
    if (!SAYING.has(r.lower(i)) || r.has(i, 'Noun')) continue;
    // The verb of saying after the question's words (its subject), else the first.
    if (best < 0 || (anchors.some((a) => a < i) && !anchors.some((a) => a < best))) best = i;
  }
  if (best < 0) return null;
  let first = best + 1;
  // "told reporters", "said in a statement": what was said follows "that" when there is one.
  if (r.lower(first) === 'that') first++;
  else if (r.breaksBefore(first) && r.lower(first + 1) === 'that') first += 2;
  if (first >= r.tokens.length) return null;
  return r.span(first, phraseEnd(r, first, { list: false }));
}

/** The positions of the question's own words in the sentence. */
function anchorsOf(r: Reading, question: PatternQuestion): number[] {
  const at: number[] = [];
  r.tokens.forEach((t, i) => {
    if (t.key && question.keys.has(t.key)) at.push(i);
  });
  return at;
}

/**
 * "what does the CPC want to deepen?" -> "deepening South-South cooperation": the object of the
 * question's verb (or of its paraphrase: "praise" finds "commended"), up to the end of its phrase,
 * cut where the question's own words start again ("adopting inclusiveness as the fundamental
 * direction" answers "what was adopted as the fundamental direction?" with "inclusiveness").
 * "who attended?" -> "the attendance of X": a noun made from the verb takes its "of" phrase.
 */
function objectOfVerb(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const verb = questionVerb(question) ?? passiveVerb(question) ?? doSupportVerb(question);
  if (!verb || !asksObject(question.text, verb.text)) return null;
  // "what does X lead to?": the particle the verb takes, which the sentence repeats.
  const particle = /\s(to|in|on|for|with|from|of|about|at|into|as|like)\W*$/i
    .exec(question.text)?.[1]
    ?.toLowerCase();
  for (const i of positionsOf(r, verbKeys(question, verb))) {
    let first = i + 1;
    // The word stands for the question's verb: a verb ("commended", "deepening"), whatever the
    // tagger made of it, or a noun made from it with its "of" phrase ("the discussion of ...").
    // A passive ("was hosted by") has its object for subject (see subjectOfVerb).
    if (/^by$/i.test(r.word(first))) continue;
    // "leads directly to lower incomes" for "what does X lead to?": the adverb and the particle.
    while (r.has(first, 'Adverb') && /ly$/i.test(r.word(first)) && !r.breaksBefore(first + 1)) first++;
    if (particle && r.lower(first) === particle) first++;
    else if (r.lower(first) === 'of' || r.lower(first) === 'that') first++;
    if (first >= r.tokens.length || r.breaksBefore(first)) continue;
    let last = phraseEnd(r, first);
    for (let k = first + 1; k <= last; k++) {
      const own = r.tokens[k]?.key;
      // The question's own words start again, or a purpose follows ("programmes to avoid ...").
      const purpose = r.lower(k) === 'to' && r.has(k + 1, 'Verb') && !r.has(k + 1, 'Noun');
      if ((own && question.keys.has(own)) || purpose) {
        last = k - 1;
        break;
      }
    }
    const span = r.span(first, last);
    if (span) return span;
  }
  return null;
}

/**
 * "who told stories?", "what has strengthened their confidence?": when the question word is the
 * subject of the question's verb, the answer is the subject of that verb in the sentence, from the
 * start of its clause (after a comma or "that") to the verb. A passive verb's agent ("hosted by X")
 * answers who.
 */
function subjectOfVerb(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const verb = questionVerb(question);
  if (!verb || !asksSubject(question.text, verb.text)) return null;
  const who = question.parsed.type === 'who';
  for (const i of positionsOf(r, verbKeys(question, verb), 1)) {
    // "who attended?" -> "with the attendance of X": a noun made from the verb, and its "of" phrase.
    if (!r.isVerb(i)) {
      if (r.lower(i + 1) === 'of' && !r.breaksBefore(i + 2) && i + 2 < r.tokens.length)
        return r.span(i + 2, phraseEnd(r, i + 2));
      continue;
    }
    if (/^by$/i.test(r.word(i + 1)) && !r.breaksBefore(i + 1)) {
      const first = i + 2;
      let last = first;
      while (last + 1 < r.tokens.length && !r.breaksBefore(last + 1) && last + 1 - first < MAX_WORDS) {
        // The agent ends before an adjunct ("from the 2005 episode", "in the following year") or
        // another verb ("and has been performed by ...").
        const next = last + 1;
        if (AGENT_ENDS.test(r.word(next)) || (r.isVerb(next) && !r.has(next, 'Adjective'))) break;
        if (/^and$/i.test(r.word(next)) && (AUXILIARY.test(r.word(next + 1)) || r.isVerb(next + 1))) break;
        last = next;
      }
      return r.span(first, last);
    }
    const span = subjectBefore(r, i, who);
    if (span !== undefined) return span;
  }
  return null;
}

/**
 * The subject of the clause whose verb (or predicate) stands at i: from the start of the clause (a
 * comma, a word that opens a clause, another verb) up to the auxiliaries before i. Null when the
 * clause is too long to be a subject or, for who, names no one; undefined when nothing is left.
 */
function subjectBefore(r: Reading, i: number, who: boolean): ScoredSpan | null | undefined {
  let last = i - 1;
  while (last >= 0 && (AUXILIARY.test(r.word(last)) || r.has(last, 'Adverb'))) last--;
  if (last < 0) return undefined;
  let first = last;
  // Back to the start of the clause: punctuation, a word opening a clause, or another verb.
  while (
    first > 0 &&
    !r.breaksBefore(first) &&
    !CLAUSE_OPENERS.test(r.word(first - 1)) &&
    !(r.isVerb(first - 1) && !/ing$/i.test(r.word(first - 1)))
  )
    first--;
  if (last - first + 1 > MAX_SUBJECT) return null;
  // A clause opening with a preposition ("In 2006 Tatiana Kuplich organized"): for who, the
  // subject starts at its first name.
  if (/^(?:in|on|at|during|after|before|since|by|for|with|from)$/i.test(r.word(first))) {
    if (!who) return null;
    const name = spansOf(r.text, r.tokens).find(
      (s) => s.kind === 'name' && s.first > first && s.last <= last,
    );
    if (!name) return null;
    first = name.first;
  }
  // Who is someone: the subject names one (a name, a person or a plural noun), not "the analysis".
  if (who && !namesSomeone(r, first, last)) return null;
  // "It was ...", "This has ...": a pronoun stands for a subject another sentence names.
  if (first === last && /^(?:it|this|that|these|those|they|he|she|we|which)$/i.test(r.word(first)))
    return undefined;
  return r.span(first, last) ?? undefined;
}

/** Copulas and auxiliaries between a question word and the predicate it asks the subject of. */
const PREDICATE_AUXILIARY = /^(?:is|are|was|were|has|have|had|can|could|may|might|will|would|should|must)$/i;

/**
 * "what can result in X?", "what is very important for X?", "what is grown in X?", "who is best
 * able to ...?": the question word is the subject of a predicate after an auxiliary or copula (a
 * verb, a participle, an adjective); the answer is the subject of the same predicate in the
 * sentence, where an auxiliary or copula stands before it too.
 */
function subjectOfPredicate(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const words = question.text.match(/[\p{L}'-]+/gu) ?? [];
  if (!/^(?:what|who)$/i.test(words[0] ?? '') || !PREDICATE_AUXILIARY.test(words[1] ?? '')) return null;
  let at = 2;
  while (
    /ly$/i.test(words[at] ?? '') ||
    /^(?:very|most|more|less|best|also|not|so|too)$/i.test(words[at] ?? '')
  )
    at++;
  const predicate = words[at] ?? '';
  // "what is the capital ...", "what was it": a noun phrase or pronoun after the copula is no predicate.
  if (!predicate || /^(?:the|a|an|this|that|these|those|it|its|his|her|their|there|one)$/i.test(predicate))
    return null;
  if (!/^(?:is|are|was|were)$/i.test(words[1] ?? '') && AUXILIARY.test(predicate)) return null;
  const key = termKey(predicate);
  if (!key) return null;
  const who = question.parsed.type === 'who';
  for (let i = 1; i < r.tokens.length; i++) {
    if (r.tokens[i]?.key !== key) continue;
    let before = i - 1;
    while (
      before > 0 &&
      (r.has(before, 'Adverb') || /^(?:very|most|more|less|best|also|not)$/i.test(r.word(before)))
    )
      before--;
    if (
      !AUXILIARY.test(r.word(before)) &&
      !/^(?:be|become|becomes|became|remain|remains|remained)$/i.test(r.word(before))
    )
      continue;
    const span = subjectBefore(r, before + 1, who);
    if (span) return span;
  }
  return null;
}

/** Whether words name someone: a capitalized word, a person or a plural noun. */
function namesSomeone(r: Reading, first: number, last: number): boolean {
  for (let k = first; k <= last; k++)
    if (/^\p{Lu}/u.test(r.word(k)) || r.has(k, 'Person') || r.has(k, 'Plural')) return true;
  return false;
}

/**
 * Whether the question asks for its verb's object: "what did X praise?", "what does the CPC want
 * to deepen?", and the passive "what was adopted as ...?". Only the question word alone: "which
 * company", "what year" ask for a thing of that kind (see `bestSpan`).
 */
function asksObject(question: string, verb: string): boolean {
  const v = verb.toLowerCase();
  if (!/^what\s+/i.test(question)) return false;
  const words: string[] = question.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  const aux = words[1] ?? '';
  if (/^(?:is|are|was|were)$/.test(aux) && words[2] === v && !/ing$/.test(v)) return true;
  return /^(?:did|does|do|will|would|can|could|should|has|have|had)$/.test(aux) && words.indexOf(v) > 2;
}

/** Whether the question word is its verb's subject: "who told", "what has strengthened" (not "what did X say"). */
function asksSubject(question: string, verb: string): boolean {
  if (!/^(?:who|what)\s/i.test(question)) return false;
  const words = question.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  const i = 1;
  if (words[i] === verb.toLowerCase()) return true;
  // "what has strengthened", "who is leading": an auxiliary of the perfect or progressive, then the
  // verb (not "did X do", nor a passive "what was adopted", whose question word is the object).
  const next = words[i + 1] ?? '';
  if (next !== verb.toLowerCase()) return false;
  return (
    /^(?:has|have|had)$/.test(words[i] ?? '') ||
    (/^(?:is|are|was|were)$/.test(words[i] ?? '') && /ing$/.test(next))
  );
}

/** "what is the CPC willing to do?": the verb phrase after the same "willing to", "in order to", "plans to". */
function complementOfTo(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const match = /\b([\p{L}]+)\s+to\s+(?:do|be)\b/iu.exec(question.text);
  if (!match?.[1]) return null;
  const head = termKey(match[1]);
  for (let i = 0; i + 2 < r.tokens.length; i++) {
    if (r.tokens[i]?.key !== head || r.lower(i + 1) !== 'to') continue;
    const first = i + 2;
    return r.span(first, phraseEnd(r, first, { list: false }));
  }
  return null;
}

/**
 * "where is Changchun?" -> "Changchun, the capital city of Jilin Province,": the appositive that
 * describes a name the question gives and asks nothing more of; "what is the capital of Jilin
 * Province?" -> the name an appositive holding the question's words describes.
 */
function appositive(r: Reading, question: PatternQuestion): ScoredSpan | null {
  if (!/^(?:what|where|who)\s+(?:is|are|was|were)\b/i.test(question.text)) return null;
  const n = r.tokens.length;
  for (const name of spansOf(r.text, r.tokens)) {
    if (name.kind !== 'name') continue;
    const next = name.last + 1;
    if (next >= n || !/^\s*,\s*$/.test(gapBefore(r.text, r.tokens, next))) continue;
    let last = next;
    while (last + 1 < n && !r.breaksBefore(last + 1) && last + 1 - next < MAX_WORDS) last++;
    // The appositive is a noun phrase: it opens with a determiner or a noun, not a verb ("said").
    if (r.isVerb(next) || !/^(?:the|a|an|its|their|his|her)$/i.test(r.word(next))) continue;
    const nameKeys = r.tokens.slice(name.first, name.last + 1).flatMap((t) => (t.key ? [t.key] : []));
    const descriptionKeys = r.tokens.slice(next, last + 1).flatMap((t) => (t.key ? [t.key] : []));
    const asked = [...question.keys];
    const namesAsked = asked.length > 0 && asked.every((k) => nameKeys.includes(k));
    if (namesAsked) return r.span(next, last);
    const held = asked.filter((k) => descriptionKeys.includes(k)).length;
    if (asked.length > 0 && held / asked.length >= 0.6 && !nameKeys.some((k) => question.keys.has(k)))
      return r.span(name.first, name.last);
  }
  return null;
}

/** "what happened on Monday?": the clause that holds the time the question gives, up to it ("A conference ... was held"). */
function whatHappened(r: Reading, question: PatternQuestion): ScoredSpan | null {
  if (!/^what\s+(?:happened|happens|took place|occurred)\b/i.test(question.text)) return null;
  const anchors = anchorsOf(r, question);
  const at = anchors[0];
  if (at === undefined || at === 0) return null;
  let first = at - 1;
  while (first > 0 && !r.breaksBefore(first)) first--;
  let last = at - 1;
  while (last > first && (EDGE_WORDS.test(r.word(last)) || /^(?:on|in|at|during)$/i.test(r.word(last))))
    last--;
  return r.span(first, last);
}

/** The longest run of modifiers read as the kind of a thing ("behavioral and demographic"), in words. */
const MAX_KIND = 4;

/**
 * "what kind of data ...?", "which type of climate ...?": the words that say which kind, read before the
 * thing's noun in the sentence ("behavioral and demographic data", "wetter climate", "Vampire bats"),
 * past the question's own words compounded with it ("community-based conservation efforts" for "what
 * type of conservation effort").
 */
function kindOfThing(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const asked = /\b(?:what|which)\s+(?:kinds?|types?|sorts?|forms?)\s+of\s+([\p{L}-]+)/iu.exec(question.text);
  if (!asked) return null;
  const focus = termKey(question.parsed.focus ?? asked[1] ?? '');
  if (!focus) return null;
  for (let i = 1; i < r.tokens.length; i++) {
    if (r.tokens[i]?.key !== focus) continue;
    let last = i - 1;
    // The question's own words compounded with the noun ("conservation efforts").
    while (last >= 0 && !r.breaksBefore(last + 1) && question.keys.has(r.tokens[last]?.key ?? '')) last--;
    let first = last + 1;
    for (let k = last; k >= 0 && last - k < MAX_KIND; k--) {
      if (r.breaksBefore(k + 1) && !/^\s*,\s*$/.test(gapBefore(r.text, r.tokens, k + 1))) break;
      const word = r.word(k);
      const key = r.tokens[k]?.key;
      if (/^(?:and|or)$/i.test(word) && k < last) continue;
      // A verb after an auxiliary ("has collected") is the clause's, not a modifier ("reduced", "weather").
      if (!key || question.keys.has(key) || (r.isVerb(k) && AUXILIARY.test(r.word(k - 1)))) break;
      if (r.has(k, 'Determiner') || r.has(k, 'Preposition') || r.has(k, 'Pronoun')) break;
      // "relatively stagnant", "and later": an adverb says how much, not which kind.
      if (r.has(k, 'Adverb') && !r.has(k, 'Adjective')) break;
      first = k;
    }
    if (first <= last) {
      const span = r.span(first, last);
      if (span) return span;
    }
  }
  return null;
}

/** Words that give a reason or purpose, each with how many words it takes ("due to" 2). */
const REASONS: ReadonlyArray<[RegExp, number]> = [
  [/^because of$/i, 2],
  [/^due to$/i, 2],
  [/^owing to$/i, 2],
  [/^thanks to$/i, 2],
  [/^in order to$/i, 3],
  [/^so as to$/i, 3],
  [/^so that$/i, 2],
  [/^because$/i, 1],
];

/**
 * "why ...?": what the sentence gives as the reason or purpose after "because (of)", "due to",
 * "owing to", "in order to", "so that" (the one nearest after the question's words), up to the end of
 * its phrase.
 */
function reasonGiven(r: Reading, question: PatternQuestion): ScoredSpan | null {
  if (question.parsed.type !== 'why') return null;
  const anchors = anchorsOf(r, question);
  let best: ScoredSpan | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < r.tokens.length; i++) {
    for (const [marker, length] of REASONS) {
      const words = r.tokens
        .slice(i, i + length)
        .map((t) => t.text)
        .join(' ');
      if (!marker.test(words)) continue;
      const first = i + length;
      if (first >= r.tokens.length) continue;
      const span = r.span(first, phraseEnd(r, first, { list: false }));
      // After the question's words is where a reason usually stands ("X happened because ...").
      const before = anchors.filter((a) => a < i);
      const distance = before.length ? i - Math.max(...before) : anchors.length ? 2 * MAX_WORDS : MAX_WORDS;
      if (span && distance < bestDistance) {
        best = span;
        bestDistance = distance;
      }
      break;
    }
  }
  return best;
}

/** Verbs that give a thing its name: what follows one is the name ("a service called ABC on Demand"). */
const NAMING = /^(?:called|named|titled|entitled|dubbed|nicknamed|renamed)$/i;
/** How many words before a verb of naming the question's words are looked for. */
const NAMING_REACH = 6;
/** Gaps that stay inside a title ("Doctor Who – The Ultimate Adventure", "Capital Cities/ABC"). */
const TITLE_GAP = /^(?:\s+|\s*[&/]\s*|\s+[–—-]\s+)$/;
/** Small words inside a title ("Children of Earth", "Behind the Sofa", "ABC on Demand"). */
const TITLE_JOINERS = /^(?:of|the|a|an|and|on|in|at|to|for|from|with|by)$/i;

/**
 * "what was the story called?", "what is the service known as?", "what was the name of ...?": the name
 * the sentence gives after a verb of naming ("a five-part story called Children of Earth", "known as
 * the Huguenot rebellions", "titled Doctor Who – The Ultimate Adventure"): a quotation, a run of
 * capitalized words (with the small words inside a title), else the words up to the end of the phrase.
 */
function nameGiven(r: Reading, question: PatternQuestion): ScoredSpan | null {
  const explicit = /\b(?:called|named|known\s+as|titled|entitled|dubbed|nicknamed)\W*$/i.test(question.text);
  const asks =
    explicit || /^(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+)?names?\s+of\b/i.test(question.text);
  if (!asks || question.parsed.type === 'who') return null;
  const n = r.tokens.length;
  const anchors = anchorsOf(r, question);
  let best: ScoredSpan | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < n; i++) {
    let first = -1;
    if (NAMING.test(r.word(i))) first = i + 1;
    else if (r.lower(i) === 'known' && r.lower(i + 1) === 'as') first = i + 2;
    if (first < 0 || first >= n) continue;
    const gap = gapBefore(r.text, r.tokens, first);
    let last = first;
    if (/["“]\s*$/.test(gap)) {
      // A quotation: up to its closing mark.
      while (last + 1 < n && !/["”]/.test(gapBefore(r.text, r.tokens, last + 1))) last++;
    } else {
      if (ARTICLES.test(r.word(first)) && /^\p{Lu}/u.test(r.word(first + 1))) last = ++first;
      if (/^\p{Lu}/u.test(r.word(first))) {
        for (let k = first + 1; k < n && TITLE_GAP.test(gapBefore(r.text, r.tokens, k)); k++) {
          if (/^\p{Lu}|^\d/u.test(r.word(k))) last = k;
          else if (!TITLE_JOINERS.test(r.word(k))) break;
        }
        // "the Advanced Steam movement", "the Huguenot rebellions": a lower-case head after the name.
        const head = last + 1;
        if (
          head < n &&
          !r.breaksBefore(head) &&
          r.has(head, 'Noun') &&
          !TITLE_JOINERS.test(r.word(head)) &&
          /^\p{Ll}/u.test(r.word(head))
        )
          last = head;
      } else {
        if (r.isVerb(first)) continue;
        last = phraseEnd(r, first, { list: false });
        for (let k = first + 1; k <= last; k++)
          if (
            /^(?:which|that|who|whose|where|when)$/i.test(r.word(k)) ||
            AGENT_ENDS.test(r.word(k)) ||
            (r.isVerb(k) && !r.has(k, 'Adjective') && !r.has(k, 'Gerund'))
          ) {
            last = k - 1;
            break;
          }
      }
    }
    const span = r.span(first, last);
    if (!span) continue;
    // The naming the question's words stand by: most of them in the words before it, then the nearest.
    const before = new Set<string>();
    for (let k = Math.max(0, i - NAMING_REACH); k < i; k++) {
      const key = r.tokens[k]?.key;
      if (key && question.keys.has(key)) before.add(key);
    }
    const near = anchors.length ? Math.min(...anchors.map((a) => Math.abs(a - i))) : 0;
    // "what was the name of X?" asks it only of a naming that stands by X.
    if (!explicit && near > NAMING_REACH) continue;
    const distance = near - before.size * NAMING_REACH;
    if (distance < bestDistance) {
      best = span;
      bestDistance = distance;
    }
  }
  return best;
}

/** The patterns, surest first (exported for evaluation tools that tally which one answered). */
export const PATTERNS = [
  kindOfThing,
  reasonGiven,
  nameGiven,
  appositive,
  reportedClause,
  complementOfTo,
  whatHappened,
  subjectOfVerb,
  objectOfVerb,
  subjectOfPredicate,
];

/**
 * The span of a sentence that a pattern reads as the answer to a question, or null when none
 * applies (then the answer is read by its type: see `bestSpan`). The sentence is tagged once.
 */
export function patternSpan(question: PatternQuestion, text: string): ScoredSpan | null {
  if (question.parsed.type === 'when' || question.parsed.type === 'quantity') return null;
  const r = new Reading(text);
  for (const pattern of PATTERNS) {
    const span = pattern(r, question);
    if (span && span.end > span.start)
      return tidySpan(question.parsed.type, text, r.tokens, span, question.parsed.focus);
  }
  return null;
}
