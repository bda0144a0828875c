/**
 * A paragraph that is nothing but a wire dateline: a place in capitals, perhaps a region and a date,
 * then the agency in brackets or a dash ("MANILA, Philippines (AP) _", "TEHRAN, August 8 (Xinhua) --",
 * "WASHINGTON —"). It says where and when the report was filed, not what happened.
 */
const DATELINE_ONLY =
  /^([A-Z][A-Z .'’-]*[A-Z.])(?:,\s*[A-Z][A-Za-z .'’-]*?)?(,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(\([^)]{2,40}\))?\s*(--|—|–|-|_)?\s*$/;

/** The longest dateline read (a longer paragraph is never only one). */
const MAX_DATELINE = 120;

/**
 * Whether a paragraph is only a dateline, so that /ask never quotes it as an answer: "MANILA,
 * Philippines (AP) _" tells a reader nothing (it stays a sentence, which /when and /where cite). It
 * needs an agency, or a dash after the place.
 */
export function isDatelineOnly(paragraph: string): boolean {
  const text = paragraph.trim();
  if (text.length > MAX_DATELINE) return false;
  const match = DATELINE_ONLY.exec(text);
  if (!match) return false;
  const capitals = (match[1] ?? '').replace(/[^A-Z]/g, '').length;
  return capitals >= 3 && (match[3] !== undefined || match[4] !== undefined);
}
