import { isNewsAgency, placeKind } from '../lexicon/gazetteer.ts';
import {
  isDictionaryWord,
  isGroupNoun,
  isLandformPlural,
  isLocationNoun,
  isPersonNoun,
  isRelationalAdjective,
  isRoleNoun,
} from '../lexicon/wordClasses.ts';
import { TITLES } from '../text/sentences.ts';
import { isCapitalized, joinsNext, type Token } from './tagger.ts';

/** The kinds of things `/who` and `/where` list. */
export type EntityKind = 'person' | 'organization' | 'group' | 'place';

/** One mention of an entity in one sentence. */
export interface Mention {
  kind: EntityKind;
  name: string;
  /** The role or description the sentence gives ("head of the International Department of ..."). */
  detail: string | null;
  sentenceId: string;
  /**
   * How the sentence uses the name, where it tells: `match` for a side of a match ("beat Essex"),
   * `located` for a place after a preposition of place ("in Leeds"). An article with two or more sides
   * of matches is a sports report: there a city or region named without such a preposition is a team.
   */
  context?: 'match' | 'located';
}

/** Lower-case words that may stand inside a name ("Department of the CPC", "Bank for ..."). */
const NAME_CONNECTORS = new Set([
  'of',
  'the',
  'for',
  'de',
  'del',
  'van',
  'von',
  'al',
  'bin',
  '&',
  // Romance and Portuguese particles inside names: "Gazzetta dello Sport", "Banco do Brasil".
  'di',
  'da',
  'della',
  'dello',
  'delle',
  'dei',
  'degli',
  'du',
  'des',
  'do',
  'dos',
  'das',
]);
/** Lower-case words that turn a following place into a region of it ("northeast China"). */
const DIRECTIONS = new Set(
  'north south east west northeast northwest southeast southwest northern southern eastern western northeastern northwestern southeastern southwestern central'.split(
    ' ',
  ),
);
/** Verbs of saying: a short name before them is a person ("Li said"). */
const SAYING = new Set([
  'said',
  'says',
  'told',
  'added',
  'noted',
  'stated',
  'explained',
  'stressed',
  'urged',
]);
/** Words before a number that belong to the quantity ("over 200 leaders"). */
const QUANTIFIERS = new Set([
  'over',
  'about',
  'around',
  'nearly',
  'almost',
  'some',
  'more',
  'than',
  'at',
  'least',
  'up',
  'to',
]);
const FUNCTION_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'QuestionWord'];

type Span = { from: number; to: number };

const isAcronym = (t: Token) => /^\p{Lu}{2,6}$/u.test(t.text);
const inParens = (t: Token) => t.pre.includes('(') && t.post.includes(')');

/** Whether a capitalized word at the start of a sentence is a name rather than an ordinary word. */
function sentenceStartIsName(token: Token): boolean {
  if (FUNCTION_TAGS.some((tag) => token.tags.has(tag))) return false;
  return token.tags.has('ProperNoun') || !isDictionaryWord(token.text) || placeKind(token.text) === 'country';
}

/** Whether a token can be part of a proper name. */
function nameWord(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (!token || token.quoted || !isCapitalized(token)) return false;
  if (i === 0) {
    const next = tokens[1];
    const titled =
      (isTitleAbbreviation(token) ||
        isRoleNoun(token.text) ||
        (next !== undefined && isRoleNoun(next.text))) &&
      next !== undefined &&
      isCapitalized(next);
    return titled || sentenceStartIsName(token);
  }
  return !token.tags.has('Pronoun') && token.text !== 'I';
}

/** Honorifics: part of how a person is addressed, but not a role. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'mx', 'messrs', 'mme', 'sir', 'dame']);

/** Whether a token is an abbreviated title before a name ("Gov.", "Dr.", "Mr."). */
const isTitleAbbreviation = (t: Token | undefined) =>
  t !== undefined && TITLES.has(t.text.toLowerCase()) && /^\.\s+$/.test(t.post);

/** The role that title words give ("Gov.", "Palestinian President"), honorifics left out; null when none. */
function titleOf(words: readonly Token[]): string | null {
  const title = words
    .filter((t) => !HONORIFICS.has(t.text.toLowerCase()))
    .map((t, i, all) => {
      const word = isTitleAbbreviation(t) ? `${t.text}.` : t.text;
      // "Ex-Yankee": a hyphen joins, as written.
      return i === all.length - 1 ? word : `${word}${t.post === '-' ? '-' : ' '}`;
    })
    .join('');
  return title || null;
}

/** Whether the run may go on from token i to token i + 1. */
function continues(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  const next = tokens[i + 1];
  if (!token || !next) return false;
  // A possessive ends a name: "China's Hubei Province" is two places.
  // (compromise tags every word of "President Hosni Mubarak's" possessive: the text decides.)
  if (/['’]s?$/.test(token.text)) return false;
  if (isTitleAbbreviation(token)) return next.pre === '' && isCapitalized(next);
  // A middle initial: "George W. Bush", "Edward D. Jones".
  if (/^\p{Lu}$/u.test(token.text) && /^\.\s+$/.test(token.post) && i > 0)
    return next.pre === '' && isCapitalized(next);
  if (inParens(token)) return /^\)\s+$/.test(token.post) && next.pre === '';
  if (next.pre === '(' && isAcronym(next)) return /^\s+$/.test(token.post);
  // A spaced dash (" - ", " -- ") separates: "FRANCE - Bond futures" is no name.
  return /^(?:\s+|-)$/.test(token.post) && next.pre === '';
}

/**
 * First words of bodies named head first, whose names may hold "and" and "in" ("Organisation for
 * Security and Cooperation in Europe", "Department of Health and Human Services").
 */
const BODY_FIRST = new Set([
  'Organisation',
  'Organization',
  'Department',
  'Ministry',
  'Bank',
  'Council',
  'Commission',
  'Committee',
  'Institute',
  'Office',
  'Federation',
  'Association',
  'Union',
  'Agency',
  'Bureau',
  'Board',
]);
const BODY_CONNECTORS = new Set([...NAME_CONNECTORS, 'and']);
const BODY_CONNECTORS_AFTER_AND = new Set([...BODY_CONNECTORS, 'in']);

/** Maximal runs of capitalized words, with "of"/"the" allowed between them, cut at punctuation. */
function nameRuns(tokens: Token[]): Span[] {
  const runs: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!nameWord(tokens, i)) {
      i++;
      continue;
    }
    let to = i;
    while (continues(tokens, to)) {
      if (nameWord(tokens, to + 1)) {
        to++;
        continue;
      }
      // Connectors: "of the" between two capitalized words; a body named head first may also hold
      // "and", and "in" only after an "and" ("Bank of England in London" is a bank and a city).
      let j = to + 1;
      const connectors = !BODY_FIRST.has(tokens[i]?.text ?? '')
        ? NAME_CONNECTORS
        : tokens.slice(i, to + 1).some((t) => t.text === 'and')
          ? BODY_CONNECTORS_AFTER_AND
          : BODY_CONNECTORS;
      // "for" joins only after a kind of body ("Bank for International Settlements", not "White Sox
      // for the American League").
      const forJoins = isBodyHead(tokens[to]?.text ?? '');
      while (
        j < tokens.length &&
        connectors.has(tokens[j]?.text ?? '') &&
        (tokens[j]?.text !== 'for' || forJoins) &&
        continues(tokens, j - 1) &&
        continues(tokens, j)
      ) {
        j++;
      }
      if (j > to + 1 && nameWord(tokens, j) && continues(tokens, j - 1)) to = j;
      else break;
    }
    runs.push({ from: i, to });
    i = to + 1;
  }
  return runs;
}

/** Abbreviated company suffixes, written with a period. */
const COMPANY_SUFFIX = /^(?:Inc|Corp|Co|Ltd|Bros|Cos)$/;

/** The verbatim text of tokens from..to in the sentence. */
function spanText(sentence: string, tokens: Token[], from: number, to: number): string {
  const first = tokens[from];
  const last = tokens[to];
  if (!first || !last) return '';
  let end = last.end;
  if (inParens(last)) end = sentence.indexOf(')', end) + 1 || end;
  // A company's abbreviated suffix keeps its period: "Harbour Bancshares Inc.", "Jones & Co.".
  else if (COMPANY_SUFFIX.test(last.text) && last.post.startsWith('.')) end += 1;
  return sentence.slice(first.start - (inParens(first) ? 1 : 0), end);
}

/**
 * The appositive after a name: ", head of the International Department ...," or ", the capital city of
 * Jilin Province,". It must open with a lower-case word (after an optional article), be short, hold no
 * finite verb, and not be an item of a list (", and ...").
 */
function appositive(sentence: string, tokens: Token[], after: number): string | null {
  const last = tokens[after];
  if (!last || !/^,\s*$/.test(last.post)) return null;
  const from = after + 1;
  const opener = tokens[from];
  if (!opener) return null;
  const head = opener.tags.has('Determiner') ? tokens[from + 1] : opener;
  if (!head || isCapitalized(head) || !(head.tags.has('Noun') || head.tags.has('Adjective'))) return null;
  let to = from;
  while (to < tokens.length - 1 && /^[\s-]*$/.test(tokens[to]?.post ?? '')) to++;
  const end = tokens[to];
  if (!end || to - from > 15) return null;
  const verb = tokens.slice(from, to + 1).some((t) => t.tags.has('PresentTense') || t.tags.has('PastTense'));
  if (verb) return null;
  const following = tokens[to + 1];
  if (following && /^(?:and|or)$/i.test(following.text)) return null;
  if (!/^,/.test(end.post) && to !== tokens.length - 1) return null;
  return sentence.slice(tokens[from]?.start ?? 0, end.end);
}

/**
 * Whether a description gives a role: a person noun among its words before "of", "at", "for" or "in"
 * ("vice governor of Heilongjiang Province", "head of the International Department").
 */
function describesRole(description: string): boolean {
  const words = description.split(/\s+/);
  const end = words.findIndex((w) => /^(?:of|at|for|in|from|with)$/i.test(w));
  return words.slice(0, end < 0 ? 3 : Math.min(end, 4)).some((w) => isRoleNoun(w.replace(/[^\p{L}-]/gu, '')));
}

/** Classifies a run of capitalized words, or null when it is not a person, organization or place. */
function classify(
  tokens: Token[],
  run: Span,
  described: string | null,
): { kind: EntityKind; from: number; title: string | null } | null {
  const words = tokens.slice(run.from, run.to + 1);
  const texts = words.filter((t) => !inParens(t)).map((t) => t.text);
  const name = texts.join(' ');
  const lastWord = texts.at(-1) ?? '';
  const known = placeKind(name);
  if (texts.every((w) => w.split('-').every((part) => DIRECTIONS.has(part.toLowerCase())))) return null;
  // Months, weekdays and holidays are dates ("March", "Labour Day"); a nationality alone is no name.
  if (
    words.every(
      (t) => t.tags.has('Date') || t.tags.has('Month') || t.tags.has('WeekDay') || CALENDAR.test(t.text),
    )
  )
    return null;
  if (texts.length === 2 && lastWord === 'Day') return null;
  // (A one-word city that is also a people's word, "English" or "Jordanian", is the people's word;
  // cities ending in -i, "Delhi", "Nairobi", are not read as one.)
  if (
    words.every((t) => t.tags.has('Demonym') || DEMONYM.test(t.text)) &&
    (!known || (known === 'city' && !/i$/.test(lastWord)))
  )
    return null;
  // "the Tigers", "Harlequins won": a team named by a plural noun.
  if (known !== 'country' && teamNickname(tokens, run))
    return { kind: 'organization', from: run.from, title: null };
  // A name ends in a noun: "South Korean", "Roman Catholic" or a lone "Moslem" are adjectives of a people.
  if (
    !known &&
    !ORG_HEADS.has(lastWord) &&
    isRelationalAdjective(lastWord) &&
    !(words.at(-1) as Token).tags.has('LastName')
  )
    return null;
  // A people in the plural ("Kurds", "Serbs") is a group, not a name.
  if (texts.length === 1 && (words[0] as Token).tags.has('Plural') && isPersonNoun(lastWord)) return null;
  // Events are not people, places or bodies: "Hong Kong Open", "Venice Film Festival", "Gulf War".
  if (texts.length > 1 && EVENT_HEADS.has(lastWord)) return null;
  if (isNewsAgency(name)) return { kind: 'organization', from: run.from, title: null };
  const person = personAfterTitle(tokens, run);
  if (person) return person;
  if (namedAsGroup(tokens, run.to) || ROLE_ACRONYMS.has(tokens[run.to + 1]?.text ?? ''))
    return { kind: 'organization', from: run.from, title: null };
  // A city or region that beats, draws with or plays against another is a team ("Leicestershire beat
  // Somerset"); a country stays a place (national sides are named by their country).
  if (known !== 'country' && (known || words.some((t) => t.tags.has('Place'))) && playsMatch(tokens, run))
    return { kind: 'organization', from: run.from, title: null };
  // "champions Bath", "title rivals Essex", "the Saracens side": words only a team stands beside.
  const previous = tokens[run.from - 1];
  const following = tokens[run.to + 1]?.text ?? '';
  if (
    known !== 'country' &&
    (TEAM_BEFORE.test(previous?.text ?? '') || following === 'side') &&
    !words.some((t) => t.tags.has('Person'))
  )
    return { kind: 'organization', from: run.from, title: null };
  if (known) return { kind: 'place', from: run.from, title: null };
  if (texts.length > 1 && isLocationNoun(lastWord) && placeKind(texts.slice(0, -1).join(' '))) {
    return { kind: 'place', from: run.from, title: null };
  }
  const orgLike =
    texts.some((w, i) => (i > 0 || texts.length > 1) && isGroupNoun(w)) ||
    words.some((t) => isAcronym(t) && !ROLE_ACRONYMS.has(t.text)) ||
    (texts.length > 1 && (ORG_HEADS.has(lastWord) || BODY_FIRST.has(texts[0] ?? '')));
  if (!orgLike) {
    // Leading titles ("President", "Foreign Minister", "Gov.") are the role, not the name.
    let from = run.from;
    while (from < run.to && (beforeName(tokens[from]) || ROLE_ACRONYMS.has(tokens[from]?.text ?? ''))) from++;
    // "Director of Intelligence": an office, no name after it.
    if (!isCapitalized(tokens[from] as Token)) return null;
    const title = titleOf(tokens.slice(run.from, from));
    const nameTokens = tokens.slice(from, run.to + 1);
    const tagged = nameTokens.some(
      (t) => t.tags.has('Person') || t.tags.has('FirstName') || t.tags.has('LastName'),
    );
    const next = tokens[run.to + 1];
    const says = next !== undefined && SAYING.has(next.text.toLowerCase());
    const roleAfter = described !== null && describesRole(described);
    const shortName = nameTokens.length <= 4 && nameTokens.every((t) => !t.tags.has('Place'));
    const honored = from > run.from;
    // "said Rajab Adinayev, ...", "presidential adviser Vafa Gulizade": attribution or a lower-case
    // person noun right before a two- or three-word name.
    const introduced =
      previous !== undefined &&
      /^\s+$/.test(previous.post) &&
      !isCapitalized(previous) &&
      (SAYING.has(previous.text.toLowerCase()) ||
        isPersonNoun(previous.text) ||
        previous.text === 'counterpart') &&
      nameTokens.length >= 2 &&
      nameTokens.length <= 3;
    // "in Tacambaro, told ...", "at Grace Road": no one is named right after "in" or "at".
    const inPlace = IN_PLACE.has(previous?.text.toLowerCase() ?? '') && !honored;
    if (shortName && !inPlace && (tagged || roleAfter || says || honored || introduced)) {
      if (nameTokens.length > 1 || tagged || says) return { kind: 'person', from, title };
    }
    // Two or three words that are no English words, no place and no body: "Jesper Parnevik" (not
    // after "in", "at" or "town of": "in Bou Haroun"; not one hyphenated word: "Nagorno-Karabakh").
    const spaced = nameTokens.slice(0, -1).some((t) => /^\s+$/.test(t.post));
    if (spaced && nameTokens.length <= 3 && personName(nameTokens) && !placeBefore(tokens, run.from))
      return { kind: 'person', from, title };
  }
  if (orgLike && !(texts.length === 1 && !isAcronym(words[0] as Token))) {
    return { kind: 'organization', from: run.from, title: null };
  }
  if (texts.length > 1 && isLocationNoun(lastWord)) return { kind: 'place', from: run.from, title: null };
  if (words.some((t) => t.tags.has('Place'))) return { kind: 'place', from: run.from, title: null };
  if (words.some((t) => t.tags.has('Organization')) && texts.length > 1) {
    return { kind: 'organization', from: run.from, title: null };
  }
  return null;
}

/** A name with a nickname in quotes between its words: Roberto "Hands of Stone" Duran. */
const NICKNAMED = /(\p{Lu}[\p{L}'.-]+)\s+["“](\p{Lu}[^"”]{0,30})["”]\s+(\p{Lu}[\p{L}'-]+)/gu;

/**
 * People named with a nickname in quotes ("Roberto \"Hands of Stone\" Duran"), as one verbatim
 * name, and the tokens they cover (so the words are not read as names of their own).
 */
function nicknamed(sentence: string, tokens: Token[]): Array<{ name: string; from: number; to: number }> {
  const found: Array<{ name: string; from: number; to: number }> = [];
  for (const match of sentence.matchAll(NICKNAMED)) {
    const start = match.index;
    const end = start + match[0].length;
    const inside = tokens.flatMap((t, i) => (t.start >= start && t.end <= end ? [i] : []));
    const first = tokens[inside[0] ?? -1];
    if (inside.length < 3 || !first || first.tags.has('Place') || (match[2] ?? '').split(/\s+/).length > 4)
      continue;
    found.push({ name: match[0], from: inside[0] as number, to: inside.at(-1) as number });
  }
  return found;
}

/**
 * Last words that make a name a body, although WordNet's first sense of the word is not a group
 * ("New York Stock Exchange", "Federal Aviation Administration", "Bank of Tokyo"'s "Bank").
 */
const ORG_HEADS = new Set([
  'Exchange',
  'Administration',
  'Association',
  'Federation',
  'League',
  'Bank',
  'Ministry',
  'Bureau',
  'Agency',
  'Authority',
  'Corporation',
  'Corp',
  'Inc',
  'Ltd',
  'Co',
  'Company',
  'Group',
  'Institute',
  'University',
  'Foundation',
  'Fund',
  'Trust',
  'Club',
  // Newspapers and broadcasters: "Damascus Radio", "Valley Herald", "Sueddeutsche Zeitung".
  'Radio',
  'Television',
  'TV',
  'Times',
  'Post',
  'Herald',
  'Tribune',
  'Gazette',
  'Journal',
  'Zeitung',
]);

/** Whether a word names a kind of body ("Party", "Exchange", "Ministry"), not one body in particular. */
export function isBodyHead(word: string): boolean {
  return ORG_HEADS.has(word) || BODY_FIRST.has(word) || isGroupNoun(word);
}

/** The last word of an event's name. */
const EVENT_HEADS = new Set([
  'Open',
  'Cup',
  'Championship',
  'Championships',
  'Games',
  'Olympics',
  'Festival',
  'War',
  'Tour',
  'Series',
  'Classic',
  'Prix',
  'Marathon',
  'Tournament',
  'Trophy',
  'Bowl',
  'Masters',
]);

/** Month and weekday names: dates, never names of people. */
const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/** A weekday (months are left: "Theresa May" ends in one). */
const WEEKDAY = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

/**
 * A run without the weekday glued to its end ("Greater Milwaukee Open Thursday", "United States
 * Friday") and without a leading "X-based" ("Ohio-based Harbour Bancshares": an adjective).
 */
function trimmedRun(tokens: Token[], run: Span): Span {
  let from = run.from;
  while (from < run.to && /-based$/i.test(tokens[from]?.text ?? '')) from++;
  run = from === run.from ? run : { from, to: run.to };
  let to = run.to;
  while (to > run.from && WEEKDAY.test(tokens[to]?.text ?? '') && /^\s+$/.test(tokens[to - 1]?.post ?? ''))
    to--;
  return to === run.to ? run : { from: run.from, to };
}

/**
 * A nationality or people word ("Kurdish", "Japanese", "Serbs"), by its ending or as one of the short
 * forms no ending gives, for words compromise does not tag.
 */
const DEMONYM =
  /^(?:\p{Lu}\p{Ll}+(?:ish|ese|ian|i)|(?:Serb|Croat|Tajik|Uzbek|Kazakh|Kyrgyz|Arab|Kurd|Turk|Czech|Slovak|Greek|Pole|Dane|Swede|Finn|Scot|Afghan|Thai|Basque)s?|Swiss|Dutch|French|English|Welsh|Irish)$/u;

/** Whether a token is a title or nationality that may stand before a person's name. */
const beforeName = (t: Token | undefined) =>
  t !== undefined &&
  !t.tags.has('FirstName') &&
  !t.tags.has('LastName') &&
  (isTitleAbbreviation(t) || isRoleNoun(t.text) || t.tags.has('Honorific') || t.tags.has('Demonym'));

/**
 * Whether tokens look like a person's name: up to four capitalized words, no group, location or title
 * word, no acronym or known place, and either a known first or last name or two or more words that are
 * not ordinary English ("Yasser Arafat").
 */
function personName(tokens: readonly Token[], afterTitle = false): boolean {
  if (!tokens.length || tokens.length > 4 || !tokens.every(isCapitalized)) return false;
  const names = tokens.map((t) => t.text).join(' ');
  if (placeKind(names)) return false;
  if (
    tokens.some(
      (t) =>
        isGroupNoun(t.text) ||
        (isLocationNoun(t.text) && !t.tags.has('LastName')) ||
        isAcronym(t) ||
        inParens(t) ||
        beforeName(t) ||
        placeKind(t.text) === 'country',
    )
  )
    return false;
  if (afterTitle && tokens.length <= 3) return true;
  if (tokens.some((t) => t.tags.has('FirstName') || t.tags.has('LastName') || t.tags.has('Person')))
    return true;
  return tokens.length >= 2 && tokens.every((t) => !isDictionaryWord(t.text));
}

/**
 * A person named after a title, an office or a nationality ("Palestinian President Yasser Arafat",
 * "Agriculture Secretary Dan Glickman", "Australian Tom Moody"): the words up to the last title are the
 * role, the rest the name. Null when the run is not built that way.
 */
function personAfterTitle(
  tokens: Token[],
  run: Span,
): { kind: EntityKind; from: number; title: string | null } | null {
  let last = -1;
  for (let i = run.from; i < run.to; i++) {
    if (beforeName(tokens[i])) last = i;
    // "Ex-Yankee Randy Velarde": a former membership is a title too.
    if (/^ex$/i.test(tokens[i]?.text ?? '') && tokens[i]?.post === '-' && i + 1 < run.to) last = ++i;
  }
  if (last < 0) return null;
  // An office "of" somewhere belongs to the title: "Secretary of State John Kornblum".
  let end = last;
  while (tokens[end + 1]?.text === 'of' && end + 2 < run.to && isCapitalized(tokens[end + 2] as Token))
    end += 2;
  const name = tokens.slice(end + 1, run.to + 1);
  // After a title that the tagger also reads as one ("Minister", "Pope"), any short name is a person's;
  // otherwise the name must look like one ("Red Cross", "Warner Bros" are bodies, not titled people).
  const titled = tokens[last] as Token;
  const strongTitle =
    (isTitleAbbreviation(titled) ||
      ['Actor', 'Person', 'Honorific', 'Demonym'].some((tag) => titled.tags.has(tag))) &&
    !tokens.slice(run.from, run.to + 1).some((t) => t.tags.has('Organization'));
  if (!personName(name, strongTitle)) return null;
  return { kind: 'person', from: end + 1, title: titleOf(tokens.slice(run.from, end + 1)) };
}

/**
 * A run that joins a person to where or what they belong ("Erin Purcell of Boston", "Don Penney of
 * the Rochester Fire Department"): split at "of" into the person and the rest, each a name of its own.
 */
function splitAtOf(tokens: Token[], run: Span): Span[] {
  for (let i = run.from + 1; i < run.to; i++) {
    if (tokens[i]?.text !== 'of') continue;
    let from = run.from;
    while (from < i - 1 && beforeName(tokens[from])) from++;
    const titled = personAfterTitle(tokens, { from: run.from, to: i - 1 });
    if (!titled && !personName(tokens.slice(from, i))) continue;
    let rest = i + 1;
    while (rest <= run.to && NAME_CONNECTORS.has(tokens[rest]?.text ?? '')) rest++;
    return rest <= run.to
      ? [
          { from: run.from, to: i - 1 },
          { from: rest, to: run.to },
        ]
      : [run];
  }
  return [run];
}

/** A name found in a sentence, where it stands, and whether it stood as a side of a match. */
type Listed = { run: Span; mention: Mention; team: boolean };

/**
 * In a list of names ("title rivals Essex, Derbyshire and Surrey"), the towns and regions listed with
 * a team are teams too (countries stay places: national sides are named by their country).
 */
function teamsInLists(tokens: Token[], listed: Listed[]): void {
  // Two names stand next to each other in a list: only ", " or "and" between them.
  const adjacent = (left: Listed, right: Listed) => {
    const between = tokens.slice(left.run.to + 1, right.run.from);
    const post = tokens[left.run.to]?.post ?? '';
    if (between.length === 0) return /^,\s+$/.test(post);
    return between.length === 1 && (between[0] as Token).text === 'and' && /^,?\s+$/.test(post);
  };
  const makeTeam = (entry: Listed) => {
    if (entry.mention.kind === 'place' && placeKind(entry.mention.name) !== 'country') {
      entry.mention.kind = 'organization';
      entry.mention.context = 'match';
    }
  };
  listed.forEach((entry, i) => {
    if (!entry.team) return;
    for (let j = i; j + 1 < listed.length && adjacent(listed[j] as Listed, listed[j + 1] as Listed); j++)
      makeTeam(listed[j + 1] as Listed);
    for (let j = i; j > 0 && adjacent(listed[j - 1] as Listed, listed[j] as Listed); j--)
      makeTeam(listed[j - 1] as Listed);
  });
}

/** Officers named by an acronym between a company and a person: "Cofinec CEO Stephen Frater". */
const ROLE_ACRONYMS = new Set(['CEO', 'CFO', 'COO', 'CTO', 'CIO']);

/** Splits "Acme CEO Jane Doe" into the company and "CEO Jane Doe" (the title then gives the role). */
function splitAtRole(tokens: Token[], run: Span): Span[] {
  for (let i = run.from + 1; i < run.to; i++)
    if (ROLE_ACRONYMS.has(tokens[i]?.text ?? ''))
      return [
        { from: run.from, to: i - 1 },
        { from: i, to: run.to },
      ];
  return [run];
}

/** Words before a name that only a team follows: "club X", "title rivals X", "champions X". */
const TEAM_WORDS = 'club|side|rivals|champions|hosts|visitors';
/** Words of a match between two sides, right before or after a name. */
const MATCH_BEFORE = new RegExp(
  `^(?:beat|beats|beating|defeated|defeat|defeating|against|v|vs|versus|to|${TEAM_WORDS})$`,
  'i',
);
const MATCH_AFTER =
  /^(?:beat|beats|beating|defeated|drew|draw|lost|won|edged|routed|thrashed|v|vs|versus|side|skipper|captain|coach|manager|striker|midfielder|defender|goalkeeper|batsman|bowler|pitcher)$/i;
/**
 * Whether a body named by an acronym comes with its nationality before it ("Polish SPC"): the
 * nationality says whose it is, the name is the acronym. (An office keeps its nationality: "German
 * Foreign Ministry" and "Russian Foreign Ministry" are two bodies.)
 */
function nationalPrefix(tokens: Token[], from: number, to: number): boolean {
  const first = tokens[from];
  if (!first || to !== from + 1 || !isAcronym(tokens[to] as Token)) return false;
  return first.tags.has('Demonym') || DEMONYM.test(first.text) || isRelationalAdjective(first.text);
}

/** Prepositions before where something is, never before a person ("at Leeds"). */
const IN_PLACE = new Set(['in', 'at', 'near', 'into', 'outside', 'inside', 'across', 'throughout', 'via']);
/** Prepositions a place may follow as where something is, comes from or goes to ("from Leeds"). */
const LOCATIVE = new Set([...IN_PLACE, 'from', 'to', 'of', 'around', 'toward', 'towards']);

/** Whether the words before token i say a place follows: "in", "at", "the town of", "the city". */
function placeBefore(tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1]?.text.toLowerCase() ?? '';
  if (IN_PLACE.has(previous) || isLocationNoun(previous)) return true;
  return previous === 'of' && isLocationNoun(tokens[i - 2]?.text.toLowerCase() ?? '');
}

/** Words before a name that only a team follows (lower case): also words of a match. */
const TEAM_BEFORE = new RegExp(`^(?:${TEAM_WORDS})$`);
/** Words of play before "against": a match, game or innings against a side, or playing one. */
const PLAY =
  /^(?:match|matches|game|games|tie|fixture|final|semifinal|semi-final|series|innings|bout|clash|win|victory|defeat|draw|lead|play|plays|played|playing|scored|score|goal|goals|runs|wickets)$/i;
/** Words of winning before "over": "victory over X", "56-13 winners over X". */
const WIN_OVER = /^(?:win|wins|won|victory|victories|winners|triumph|lead|edge)$/i;

/**
 * Whether a name stands as a side of a match or names a team: "beat X", "against X", "lost to X",
 * "victory over X", "X beat ...", "club X", "title rivals X", "the X skipper"; an article between
 * ("beat the Angels") is skipped.
 */
function playsMatch(tokens: Token[], run: Span): boolean {
  let at = run.from - 1;
  if (/^the$/i.test(tokens[at]?.text ?? '') && /^\s+$/.test(tokens[at - 1]?.post ?? '')) at--;
  const before = tokens[at];
  const after = tokens[run.to + 1];
  const word = before?.text.toLowerCase();
  const lostTo = word === 'to' && /^lost$/i.test(tokens[at - 1]?.text ?? '');
  // "won 75-19 over X": a score may stand between.
  const winner = tokens[at - 1]?.tags.has('Value') ? tokens[at - 2] : tokens[at - 1];
  const over = word === 'over' && WIN_OVER.test(winner?.text ?? '');
  // "against" is a match only after a word of play ("their match against X", not "sanctions against X").
  const played = word !== 'against' || tokens.slice(Math.max(0, at - 3), at).some((t) => PLAY.test(t.text));
  return (
    (before !== undefined && word !== 'to' && played && MATCH_BEFORE.test(before.text)) ||
    lostTo ||
    over ||
    (after !== undefined && MATCH_AFTER.test(after.text) && /^\s+$/.test(tokens[run.to]?.post ?? ''))
  );
}

/**
 * Whether a name is a team's nickname: its last word a plural common noun ("Tigers", "Blue Jays",
 * "Wasps"), after "the" or as a side of a match. Places, peoples and events ("the Alps", "Balkans",
 * "Kurds", "Games") are left out.
 */
function teamNickname(tokens: Token[], run: Span): boolean {
  const last = tokens[run.to];
  if (!last || !/^\p{Lu}\p{Ll}+[^s\W]s$/u.test(last.text) || !isDictionaryWord(last.text)) return false;
  if (isLocationNoun(last.text) || isLandformPlural(last.text)) return false;
  if (EVENT_HEADS.has(last.text) || ORG_HEADS.has(last.text)) return false;
  if (last.tags.has('Demonym') || DEMONYM.test(last.text) || placeKind(last.text)) return false;
  const words = tokens.slice(run.from, run.to + 1);
  if (words.some((t) => t.tags.has('Person') || t.tags.has('FirstName'))) return false;
  const before = tokens[run.from - 1];
  return (before !== undefined && /^the$/i.test(before.text)) || playsMatch(tokens, run);
}

/**
 * Whether a name is followed by the kind of body it is, in lower case ("Interfax news agency", "Likud
 * party"): one or two nouns, the last a social group by WordNet.
 */
function namedAsGroup(tokens: Token[], to: number): boolean {
  const last = tokens[to];
  if (!last || !/^\s+$/.test(last.post)) return false;
  // "Mubarak's government" is the government of Mubarak, not a body named Mubarak.
  if (/['’]s$/.test(last.text) || last.tags.has('Possessive')) return false;
  for (let i = to + 1; i <= to + 2; i++) {
    const word = tokens[i];
    if (!word || isCapitalized(word) || !word.tags.has('Noun') || word.tags.has('Plural')) return false;
    if (isGroupNoun(word.text)) return true;
    if (!/^\s+$/.test(word.post)) return false;
  }
  return false;
}

/** Places named inside an organization's name ("CPC Inner Mongolia Autonomous Regional Committee"). */
function nestedPlaces(tokens: Token[], run: Span): string[] {
  const found: string[] = [];
  for (let from = run.from; from <= run.to; from++) {
    for (let to = Math.min(run.to, from + 2); to >= from; to--) {
      const name = tokens
        .slice(from, to + 1)
        .map((t) => t.text)
        .join(' ');
      const kind = placeKind(name);
      if (kind === 'country' || kind === 'region') {
        found.push(name);
        from = to;
        break;
      }
    }
  }
  return found;
}

/** Is token i a modifier that belongs to a group's name ("foreign", "business", "Party")? */
function modifier(token: Token | undefined): boolean {
  if (!token || !joinsNext(token) || token.quoted) return false;
  if (FUNCTION_TAGS.some((tag) => token.tags.has(tag)) || token.tags.has('Value')) return false;
  if (token.tags.has('Possessive') || QUANTIFIERS.has(token.text.toLowerCase())) return false;
  return token.tags.has('Adjective') || token.tags.has('Noun') || isCapitalized(token);
}

/**
 * Participant groups: plural nouns that name kinds of people (by WordNet), with their modifiers and an
 * "of" phrase without an article ("leaders of political parties"), and the quantity before them.
 */
function groups(
  sentence: string,
  tokens: Token[],
  taken: Set<number>,
): Array<{ name: string; detail: string | null }> {
  const found: Array<{ name: string; detail: string | null }> = [];
  tokens.forEach((token, i) => {
    if (taken.has(i) || !token.tags.has('Plural') || token.quoted || !isPersonNoun(token.text)) return;
    let from = i;
    while (from > 0 && !taken.has(from - 1) && modifier(tokens[from - 1])) from--;
    let to = i;
    if (tokens[i + 1]?.text === 'of' && joinsNext(token)) {
      let last = -1;
      for (let j = i + 2; j < tokens.length && !taken.has(j); j++) {
        const word = tokens[j] as Token;
        if (word.quoted || !(word.tags.has('Adjective') || word.tags.has('Noun')) || word.tags.has('Pronoun'))
          break;
        last = j;
        if (!joinsNext(word)) break;
      }
      const end = tokens[last];
      if (end?.tags.has('Plural') && !isCapitalized(end)) to = last;
    }
    if (from === i && to === i) return;
    let quantity: string | null = null;
    let q = from - 1;
    if (tokens[q]?.tags.has('Value')) {
      while (q > 0 && QUANTIFIERS.has(tokens[q - 1]?.text.toLowerCase() ?? '')) q--;
      quantity = spanText(sentence, tokens, q, from - 1);
    }
    let name = spanText(sentence, tokens, from, to);
    const first = tokens[from];
    if (from === 0 && first && isDictionaryWord(first.text))
      name = name.charAt(0).toLowerCase() + name.slice(1);
    found.push({ name, detail: quantity });
  });
  return found;
}

/**
 * Finds the people, organizations, participant groups and places a sentence names, each with the role
 * or description the sentence gives. Names are runs of capitalized words (compromise tags help decide
 * what they are), typed by WordNet (a group noun makes an organization, a location noun a place) and a
 * gazetteer of countries, regions and cities; titles and appositives give roles.
 */
export function findMentions(sentenceId: string, sentence: string, tokens: Token[]): Mention[] {
  const mentions: Mention[] = [];
  const add = (mention: Mention): Mention => {
    const name = mention.name.replace(/['’]s$/, '');
    const known = mentions.find((m) => m.kind === mention.kind && m.name === name);
    if (known) return known;
    const added = { ...mention, name };
    mentions.push(added);
    return added;
  };
  const taken = new Set<number>();
  const listed: Listed[] = [];
  for (const { name, from, to } of nicknamed(sentence, tokens)) {
    add({ kind: 'person', name, detail: null, sentenceId });
    for (let i = from; i <= to; i++) taken.add(i);
  }
  for (const found of nameRuns(tokens)
    .flatMap((r) => splitAtOf(tokens, r))
    .flatMap((r) => splitAtRole(tokens, r))) {
    if (taken.has(found.from) || taken.has(found.to)) continue;
    const run = trimmedRun(tokens, found);
    const described = appositive(sentence, tokens, run.to);
    const type = classify(tokens, run, described);
    if (!type) continue;
    // "Polish SPC": the acronym is the name, the nationality its description.
    let nationality: string | null = null;
    if (type.kind === 'organization' && nationalPrefix(tokens, type.from, run.to))
      nationality = tokens[type.from++]?.text ?? null;
    for (let i = run.from; i <= run.to; i++) taken.add(i);
    const name = spanText(sentence, tokens, type.from, run.to);
    let detail = described ?? nationality;
    if (type.kind === 'person' && described && !describesRole(described)) detail = null;
    if (type.kind === 'person' && type.title) detail = detail ? `${type.title}; ${detail}` : type.title;
    const team = type.kind === 'organization' && playsMatch(tokens, run);
    const located = type.kind === 'place' && LOCATIVE.has(tokens[run.from - 1]?.text.toLowerCase() ?? '');
    const context = team ? 'match' : located ? 'located' : undefined;
    const mention = add({ kind: type.kind, name, detail, sentenceId, ...(context ? { context } : {}) });
    listed.push({ run, mention, team });
    // A team named by its town is not also the town.
    if (type.kind === 'organization' && !team) {
      for (const place of nestedPlaces(tokens, run))
        add({ kind: 'place', name: place, detail: null, sentenceId });
    }
  }
  teamsInLists(tokens, listed);
  for (const group of groups(sentence, tokens, taken)) add({ kind: 'group', ...group, sentenceId });
  return mentions;
}
