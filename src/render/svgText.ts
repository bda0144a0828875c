/** Escapes text for SVG (XML) content and attribute values: a name can hold `<`, `&` or quotes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch] as string);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** A box on a picture: left, top, width and height in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes share any area. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether a box and a circle share any area. */
export function boxMeetsCircle(box: Box, cx: number, cy: number, r: number): boolean {
  const nx = Math.max(box.x, Math.min(cx, box.x + box.width));
  const ny = Math.max(box.y, Math.min(cy, box.y + box.height));
  return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r;
}

/**
 * The width DejaVu Sans gives a text at a size, from the advance widths of its glyph classes, rounded
 * up: labels are placed before the picture is drawn, so the estimate must never fall short (a test
 * checks it against the renderer's own measure).
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return Math.ceil(em * size * (bold ? 1.1 : 1) + 1);
}

/** Advance width of a character in DejaVu Sans, in em, taken a little wide per class. */
function advance(ch: string): number {
  if (ch === ' ') return 0.33;
  if (/[ijlI|!.,:;'`]/.test(ch)) return 0.3;
  if (/[ftr()[\]{}\-"]/.test(ch)) return 0.42;
  if (/[mwMW@%]/.test(ch)) return 1.0;
  if (/[A-Z&]/.test(ch)) return 0.78;
  if (/[a-z0-9#$*+<=>?^_~/\\]/.test(ch)) return 0.64;
  // Other scripts and accented capitals: as wide as the widest common letters.
  return 1.0;
}

/** Cuts a text at a word boundary to fit `maxWidth` at `size`, ending with "…" when cut. */
export function fitText(text: string, size: number, maxWidth: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const words = text.split(/\s+/);
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if (textWidth(`${next}…`, size, bold) > maxWidth) break;
    out = next;
  }
  if (!out) {
    for (const ch of text) {
      if (textWidth(`${out}${ch}…`, size, bold) > maxWidth) break;
      out += ch;
    }
  }
  return `${out.replace(/[\s,;:.–—-]+$/, '')}…`;
}
