/**
 * Verbs that news reports use for the same part in an event, where WordNet links them by no synonym,
 * derivation or troponym: "organize" has no path to "host" or "hold" there, though "who organized
 * the conference?" is answered by "It was co-hosted by ..." and "The summit was held by ...". A small
 * table in the manner of FrameNet's frames (organizing an event, taking part, meeting, visiting,
 * winning; WordNet already links the verbs of saying). It is general: no verb of it is any one
 * article's.
 *
 * The table is directional. A verb leads to its fellows only when its own sense is the event's:
 * "organize" -> "hold", but "hold" -> nothing, since one also holds a record, a view or a post; the
 * same for "join" (a group), "meet" (a need), "arrange" (flowers), "stage" (a play), "beat" (a drum)
 * and "defeat" (whose object is the loser: "who was defeated?" must not look for "won"). A fellow
 * keeps the roles of the asked verb: its subject is the asked verb's subject ("who won?" -> "X
 * defeated Y" names the winner first). Irregular past forms are listed (the index does not reduce
 * "held" to "hold"); "co-organized" needs no entry (the index reads "co" and "organized").
 */
const LEADS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    // Making an event happen.
    organize: ['host', 'hold', 'held', 'stage', 'convene', 'sponsor', 'arrange'],
    organise: ['host', 'hold', 'held', 'stage', 'convene', 'sponsor', 'arrange'],
    host: ['organize', 'organise', 'hold', 'held', 'stage', 'convene'],
    convene: ['organize', 'organise', 'host', 'hold', 'held'],
    sponsor: ['organize', 'organise', 'host'],
    // Being at an event as one of its parties.
    attend: ['participate', 'join', 'take_part'],
    participate: ['attend', 'join', 'take_part'],
    take_part: ['participate', 'attend', 'join'],
    // Meeting with someone.
    greet: ['welcome', 'meet', 'met'],
    // Going to a place to see it.
    visit: ['tour', 'inspect'],
    tour: ['visit', 'inspect'],
    inspect: ['visit', 'tour'],
    // Coming first in a contest: the winner is the subject of each.
    win: ['defeat', 'beat', 'beaten', 'triumph'],
    triumph: ['win', 'won', 'defeat', 'beat', 'beaten'],
  }),
);

/**
 * The verbs that play the same part in an event as a verb (its dictionary form, "organize"; a
 * multi-word verb joined by "_", "take_part"), or none: "organize" -> "host", "hold", "held",
 * "stage", "convene", "sponsor", "arrange"; "hold" -> none (see LEADS). Multi-word fellows are left
 * out (the index holds single words).
 */
export function eventFellows(verb: string): readonly string[] {
  return (LEADS.get(verb.toLowerCase()) ?? []).filter((fellow) => !fellow.includes('_'));
}
