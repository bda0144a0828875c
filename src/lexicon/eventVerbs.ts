/**
 * Verbs that news reports use for the same part in an event, where WordNet links them by no synonym,
 * derivation or troponym: "organize" has no path to "host" or "hold" there, though "who organized
 * the conference?" is answered by "It was co-hosted by ..." and "The summit was held by ...". A small
 * table in the manner of FrameNet's frames (organizing an event, taking part, meeting, visiting,
 * winning; WordNet already links the verbs of saying), each verb with its irregular past forms (the index does not reduce "held" to
 * "hold"). It is general: no verb of it is any one article's.
 */
const CLASSES: readonly (readonly string[])[] = [
  // Making an event happen.
  ['organize', 'organise', 'host', 'hold', 'held', 'stage', 'convene', 'sponsor', 'arrange', 'coorganize'],
  // Being at an event as one of its parties.
  ['attend', 'participate', 'join', 'take_part'],
  // Meeting with someone.
  ['meet', 'met', 'welcome', 'greet'],
  // Going to a place to see it.
  ['visit', 'tour', 'inspect'],
  // Coming first in a contest.
  ['win', 'won', 'defeat', 'beat', 'triumph'],
];

/** Each verb's class (its fellow verbs, itself left out). */
const FELLOWS: ReadonlyMap<string, readonly string[]> = new Map(
  CLASSES.flatMap((verbs) => verbs.map((verb) => [verb, verbs.filter((other) => other !== verb)] as const)),
);

/**
 * The verbs that play the same part in an event as a verb (its dictionary form, "organize"; a
 * multi-word verb joined by "_", "take_part"), or none: "organize" -> "host", "hold", "held",
 * "stage", "convene", "sponsor" ... Multi-word fellows are left out (the index holds single words).
 */
export function eventFellows(verb: string): readonly string[] {
  return (FELLOWS.get(verb.toLowerCase()) ?? []).filter((fellow) => !fellow.includes('_'));
}
