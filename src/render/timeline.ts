import { PALETTE } from './palette.ts';
import { FONT_FAMILY } from './png.ts';
import { type Box, escapeXml, fitText, overlaps, textWidth } from './svgText.ts';

/** One dated event of a /when list: its list numbers, its day (or the two ends of a range), a short label. */
export interface TimelineEvent {
  /** The list's numbers for it: one for a day, two for the ends of a range. */
  numbers: number[];
  /** ISO day it happened, or the first day of a range. */
  from: string;
  /** The last day of a range; equal to `from` for one day. */
  to: string;
  /** A short label from its sentence ("conference held"). */
  label: string;
}

/** An article's reference day (its dateline's, else its publication day), marked on the axis. */
export interface ReferenceDay {
  iso: string;
  label: string;
}

/** A drawn timeline: the SVG, its size and where each event went (for tests). */
export interface Timeline {
  svg: string;
  width: number;
  height: number;
  /** Each event's position on the axis (x of `from`) and its label's box, in the order given. */
  events: Array<{ numbers: number[]; x: number; box: Box | null }>;
  /** The tick unit chosen for the span. */
  unit: 'day' | 'month' | 'year';
}

export const TIMELINE_WIDTH = 800;
export const TIMELINE_COLORS = {
  axis: PALETTE.muted,
  event: PALETTE.red,
  range: '#f6ad55',
  reference: PALETTE.blue,
  text: PALETTE.ink,
} as const;
const MARGIN = 40;
const LANE = 24;
const MAX_LANES = 14;
const LABEL_SIZE = 12;
const BADGE_SIZE = 11;
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Draws a timeline of a /when page as SVG: the days on a horizontal axis with ticks in days, months or
 * years by the span, each event a flag above its day with the list's number and a short label (flags
 * of one day, or that would overlap, stack in lanes), ranges as bars along the axis, and each article's
 * reference day as a dashed line. Deterministic: the same events give the same SVG.
 */
export function drawTimeline(
  events: readonly TimelineEvent[],
  references: readonly ReferenceDay[],
): Timeline {
  const width = TIMELINE_WIDTH;
  const valid = events.filter((e) => Number.isFinite(dayOf(e.from)) && Number.isFinite(dayOf(e.to)));
  const refs = references.filter((r) => Number.isFinite(dayOf(r.iso)));
  const days = [...valid.flatMap((e) => [dayOf(e.from), dayOf(e.to)]), ...refs.map((r) => dayOf(r.iso))];
  let start = days.length ? Math.min(...days) : Date.UTC(2000, 0, 1);
  let end = days.length ? Math.max(...days) : start;
  const pad = Math.max(2 * DAY_MS, (end - start) * 0.06);
  start -= pad;
  end += pad;
  const x = (day: number) => MARGIN + ((day - start) / (end - start)) * (width - 2 * MARGIN);

  // Flags: in date order, each in the lowest lane where its box meets no other flag.
  const order = valid
    .map((e, i) => ({ e, i }))
    .sort((a, b) => dayOf(a.e.from) - dayOf(b.e.from) || (a.e.numbers[0] ?? 0) - (b.e.numbers[0] ?? 0));
  const placed: Array<{ lane: number; box: Box; x: number }> = [];
  const drawnEvents: Timeline['events'] = valid.map((e) => ({
    numbers: e.numbers,
    x: x(dayOf(e.from)),
    box: null,
  }));
  const flags: Array<{
    event: TimelineEvent;
    lane: number;
    box: Box;
    badge: string;
    text: string;
    x: number;
  }> = [];
  for (const { e } of order) {
    const px = x(dayOf(e.from));
    const badge =
      e.numbers.length > 1 ? `${e.numbers[0]}–${e.numbers[e.numbers.length - 1]}` : `${e.numbers[0]}`;
    const badgeWidth = Math.max(18, textWidth(badge, BADGE_SIZE, true) + 8);
    const text = fitText(e.label, LABEL_SIZE, 340);
    const w = badgeWidth + 4 + textWidth(text, LABEL_SIZE) + 4;
    const left = px + w > width - 4 ? px - w : px;
    for (let lane = 0; lane < MAX_LANES; lane++) {
      const box: Box = { x: left, y: -(lane + 1) * LANE, width: w, height: LANE - 4 };
      // Poles run behind the flags of lower lanes (flags are drawn over them), so only flags may not meet.
      if (placed.some((p) => p.lane === lane && overlaps(p.box, box))) continue;
      placed.push({ lane, box, x: px });
      flags.push({ event: e, lane, box, badge, text, x: px });
      break;
    }
  }
  const lanes = Math.max(1, ...placed.map((p) => p.lane + 1));
  const axisY = 16 + lanes * LANE + 8;
  for (const f of flags) {
    const index = valid.indexOf(f.event);
    (drawnEvents[index] as Timeline['events'][number]).box = { ...f.box, y: f.box.y + axisY };
  }

  const ticks = tickDays(start, end);
  // Reference days: a row of labels under the tick labels, each in the first row where it fits.
  const refRows: Box[][] = [];
  const refLabels: Array<{ ref: ReferenceDay; box: Box; row: number }> = [];
  for (const ref of [...refs].sort((a, b) => dayOf(a.iso) - dayOf(b.iso))) {
    const text = fitText(ref.label, 11, 300);
    const w = textWidth(text, 11) + 4;
    const rx = x(dayOf(ref.iso));
    const left = Math.min(Math.max(2, rx - w / 2), width - w - 2);
    let row = 0;
    for (; row < 6; row++) {
      const box = { x: left, y: row, width: w, height: 1 };
      const taken = refRows[row] ?? [];
      if (!taken.some((b) => overlaps(b, box))) {
        taken.push(box);
        refRows[row] = taken;
        break;
      }
    }
    if (row < 6)
      refLabels.push({ ref: { ...ref, label: text }, box: { x: left, y: row, width: w, height: 14 }, row });
  }
  // Events whose flag found no lane keep their dot on the axis and are named in a footnote.
  const unlabelled = drawnEvents.filter((e) => !e.box).map((e) => e.numbers.join('–'));
  const noteY = axisY + 44 + refRows.length * 16;
  const height = Math.ceil(axisY + 36 + refRows.length * 16 + 8 + (unlabelled.length ? 16 : 0));

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  for (const { ref } of refLabels) {
    const rx = round(x(dayOf(ref.iso)));
    parts.push(
      `<line x1="${rx}" y1="8" x2="${rx}" y2="${axisY + 30}" stroke="${TIMELINE_COLORS.reference}" stroke-width="1.2" stroke-dasharray="4 3"/>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN - 10}" y1="${axisY}" x2="${width - MARGIN + 10}" y2="${axisY}" stroke="${TIMELINE_COLORS.axis}" stroke-width="2"/>`,
  );
  for (const tick of ticks.days) {
    const tx = round(x(tick));
    parts.push(
      `<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 6}" stroke="${TIMELINE_COLORS.axis}" stroke-width="1"/>`,
      `<text x="${tx}" y="${axisY + 20}" font-size="11" text-anchor="middle" fill="${TIMELINE_COLORS.axis}">${escapeXml(tickLabel(tick, ticks.unit))}</text>`,
    );
  }
  for (const e of valid) {
    if (e.from === e.to) continue;
    const x1 = round(x(dayOf(e.from)));
    const x2 = round(x(dayOf(e.to)));
    parts.push(
      `<rect x="${x1}" y="${axisY - 4}" width="${round(Math.max(2, x2 - x1))}" height="8" rx="3" fill="${TIMELINE_COLORS.range}"/>`,
    );
  }
  for (const f of flags) {
    const top = axisY + f.box.y;
    parts.push(
      `<line x1="${round(f.x)}" y1="${axisY}" x2="${round(f.x)}" y2="${round(top + f.box.height / 2)}" stroke="${TIMELINE_COLORS.event}" stroke-width="1"/>`,
    );
  }
  for (const e of valid) {
    parts.push(
      `<circle cx="${round(x(dayOf(e.from)))}" cy="${axisY}" r="4" fill="${TIMELINE_COLORS.event}"/>`,
    );
    if (e.to !== e.from)
      parts.push(
        `<circle cx="${round(x(dayOf(e.to)))}" cy="${axisY}" r="4" fill="${TIMELINE_COLORS.event}"/>`,
      );
  }
  for (const f of flags) {
    const top = axisY + f.box.y;
    const badgeWidth = Math.max(18, textWidth(f.badge, BADGE_SIZE, true) + 8);
    parts.push(
      `<rect x="${round(f.box.x)}" y="${round(top)}" width="${round(f.box.width)}" height="${f.box.height}" rx="4" fill="#ffffff" stroke="#cbd5e0"/>`,
      `<rect x="${round(f.box.x)}" y="${round(top)}" width="${badgeWidth}" height="${f.box.height}" rx="4" fill="${TIMELINE_COLORS.event}"/>`,
      `<text x="${round(f.box.x + badgeWidth / 2)}" y="${round(top + f.box.height / 2 + 4)}" font-size="${BADGE_SIZE}" font-weight="bold" text-anchor="middle" fill="#ffffff">${escapeXml(f.badge)}</text>`,
      `<text x="${round(f.box.x + badgeWidth + 4)}" y="${round(top + f.box.height / 2 + 4)}" font-size="${LABEL_SIZE}" fill="${TIMELINE_COLORS.text}">${escapeXml(f.text)}</text>`,
    );
  }
  for (const { ref, box, row } of refLabels) {
    parts.push(
      `<text x="${round(box.x + 2)}" y="${axisY + 44 + row * 16}" font-size="11" fill="${TIMELINE_COLORS.reference}">${escapeXml(ref.label)}</text>`,
    );
  }
  if (unlabelled.length)
    parts.push(
      `<text x="10" y="${noteY}" font-size="11" fill="${PALETTE.muted}">${escapeXml(fitText(`No room for the labels of ${unlabelled.join(', ')} (see the list).`, 11, width - 20))}</text>`,
    );
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, events: drawnEvents, unit: ticks.unit };
}

/** Tick days for a span: days under about a month, months under about three years, else years. */
function tickDays(start: number, end: number): { unit: Timeline['unit']; days: number[] } {
  const spanDays = (end - start) / DAY_MS;
  const days: number[] = [];
  if (spanDays <= 45) {
    const step = Math.max(1, Math.ceil(spanDays / 9));
    for (let d = Math.ceil(start / DAY_MS) * DAY_MS; d <= end; d += step * DAY_MS) days.push(d);
    return { unit: 'day', days };
  }
  if (spanDays <= 1100) {
    const months = spanDays / 30.4;
    const step = [1, 2, 3, 6].find((s) => months / s <= 10) ?? 12;
    const first = new Date(start);
    // Months counted from year 0, from the first month that starts after `start`, on a multiple of the step.
    let index = first.getUTCFullYear() * 12 + first.getUTCMonth() + 1;
    index = Math.ceil(index / step) * step;
    for (; ; index += step) {
      const d = Date.UTC(Math.floor(index / 12), index % 12, 1);
      if (d > end) break;
      days.push(d);
    }
    return { unit: 'month', days };
  }
  const years = spanDays / 365.25;
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => years / s <= 10) ?? 200;
  for (let y = Math.ceil(new Date(start).getUTCFullYear() / step) * step; ; y += step) {
    const d = Date.UTC(y, 0, 1);
    if (d > end) break;
    if (d >= start) days.push(d);
  }
  return { unit: 'year', days };
}

/** A tick's text: "14 Oct" for days, "Oct" (with the year at January and first) for months, "2024" for years. */
function tickLabel(day: number, unit: Timeline['unit']): string {
  const date = new Date(day);
  if (unit === 'day') return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  if (unit === 'month') return `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCFullYear())}`;
  return String(date.getUTCFullYear());
}
