import { PALETTE } from '../render/palette.ts';
import { svgToPng } from '../render/png.ts';
import { escapeXml } from '../render/svgText.ts';
import type { Insights } from './summary.ts';

/** The chart's size in pixels and colours: answered in citebot's blue, unanswered in orange. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 300;
export const CHART_COLORS = {
  answered: PALETTE.blue,
  unanswered: '#dd6b20',
  axis: PALETTE.muted,
  text: PALETTE.ink,
} as const;
const LEFT = 48;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 40;

/**
 * Questions per day as a stacked bar chart (SVG): one bar a day, answered at the bottom, unanswered
 * on top, the highest count on the vertical axis, the days under the bars (every few when there are
 * many), a legend. Deterministic: the same days give the same SVG.
 */
export function drawQuestionsPerDay(perDay: Insights['perDay']): string {
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const plotHeight = CHART_HEIGHT - TOP - BOTTOM;
  const most = Math.max(1, ...perDay.map((d) => d.answered + d.unanswered));
  const slot = plotWidth / Math.max(1, perDay.length);
  const bar = Math.max(2, Math.min(40, slot * 0.7));
  const every = Math.ceil(perDay.length / 10);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="14" font-weight="bold" fill="${CHART_COLORS.text}">Questions per day</text>`,
    `<rect x="${CHART_WIDTH - 250}" y="11" width="12" height="12" fill="${CHART_COLORS.answered}"/>`,
    `<text x="${CHART_WIDTH - 233}" y="22" font-size="12" fill="${CHART_COLORS.text}">answered</text>`,
    `<rect x="${CHART_WIDTH - 150}" y="11" width="12" height="12" fill="${CHART_COLORS.unanswered}"/>`,
    `<text x="${CHART_WIDTH - 133}" y="22" font-size="12" fill="${CHART_COLORS.text}">unanswered</text>`,
    `<line x1="${LEFT}" y1="${TOP + plotHeight}" x2="${LEFT + plotWidth}" y2="${TOP + plotHeight}" stroke="${CHART_COLORS.axis}"/>`,
    `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + plotHeight}" stroke="${CHART_COLORS.axis}"/>`,
    `<text x="${LEFT - 6}" y="${TOP + 4}" font-size="11" text-anchor="end" fill="${CHART_COLORS.text}">${most}</text>`,
    `<text x="${LEFT - 6}" y="${TOP + plotHeight + 4}" font-size="11" text-anchor="end" fill="${CHART_COLORS.text}">0</text>`,
  ];
  perDay.forEach((day, i) => {
    const x = LEFT + i * slot + (slot - bar) / 2;
    const answered = (day.answered / most) * plotHeight;
    const unanswered = (day.unanswered / most) * plotHeight;
    const base = TOP + plotHeight;
    if (day.answered)
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(base - answered).toFixed(1)}" width="${bar.toFixed(1)}" height="${answered.toFixed(1)}" fill="${CHART_COLORS.answered}"/>`,
      );
    if (day.unanswered)
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(base - answered - unanswered).toFixed(1)}" width="${bar.toFixed(1)}" height="${unanswered.toFixed(1)}" fill="${CHART_COLORS.unanswered}"/>`,
      );
    if (i % every === 0 || i === perDay.length - 1)
      parts.push(
        `<text x="${(x + bar / 2).toFixed(1)}" y="${base + 16}" font-size="11" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeXml(day.day.slice(5))}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The chart as a PNG file to attach, with its alt text. */
export function questionsPerDayPng(insights: Insights): {
  name: string;
  data: Buffer;
  width: number;
  height: number;
  alt: string;
  ms: number;
} {
  const started = performance.now();
  const png = svgToPng(drawQuestionsPerDay(insights.perDay));
  const alt = `Questions per day, ${insights.from} to ${insights.to}: ${insights.perDay.map((d) => `${d.day.slice(5)} ${d.answered} answered, ${d.unanswered} unanswered`).join('; ')}`;
  return { name: 'questions-per-day.png', ...png, alt, ms: performance.now() - started };
}
