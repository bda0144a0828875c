import { describe, expect, it } from 'vitest';
import { renderInsights } from '../src/discord/renderInsights.ts';
import { CHART_COLORS, drawQuestionsPerDay, questionsPerDayPng } from '../src/insights/insightsChart.ts';
import { insightsText } from '../src/insights/insightsText.ts';
import { type LoggedQuestion, summarize } from '../src/insights/summary.ts';
import { svgPixels } from '../src/render/png.ts';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const DAY = 86_400_000;
const cite = (article: string) => [{ article, paragraph: 1, sentence: 1 }];

function asked(
  query: string,
  outcome: LoggedQuestion['outcome'],
  daysAgo = 0,
  overrides: Partial<LoggedQuestion> = {},
): LoggedQuestion {
  return {
    guild: 'A',
    command: 'ask',
    query,
    outcome,
    cited: outcome === 'answered' ? cite('a1') : [],
    at: NOW - daysAgo * DAY,
    ...overrides,
  };
}

describe('summarize', () => {
  const questions = [
    asked('Where was the conference held?', 'answered'),
    asked('where was the  conference held', 'answered', 1),
    asked('Who spoke?', 'answered', 2, { cited: cite('a2') }),
    asked('How much is a visa?', 'refused', 1),
    asked('Do I need a visa to visit?', 'refused', 3),
    asked('Why?', 'failed'),
    asked('Too old to count', 'refused', 9),
  ];
  const votes = [
    { helpful: true, at: NOW },
    { helpful: true, at: NOW - DAY },
    { helpful: false, at: NOW },
    { helpful: false, at: NOW - 20 * DAY },
  ];
  const report = summarize(questions, votes, {
    days: 7,
    now: NOW,
    titleOf: (id) => (id === 'a1' ? 'First article' : undefined),
  });

  it('counts the questions of the period, answered share and helpful share', () => {
    expect(report).toMatchObject({ asked: 6, answered: 3, refused: 2, failed: 1, answeredShare: 0.5 });
    expect(report.votes).toEqual({ helpful: 2, notHelpful: 1 });
    expect(report.helpfulShare).toBeCloseTo(2 / 3);
  });

  it('lists the most asked first, repeats counted together whatever their case and spacing', () => {
    expect(report.mostAsked[0]).toEqual({ query: 'Where was the conference held?', count: 2, answered: 2 });
  });

  it('groups the refused questions into gaps and lists the most cited articles with their titles', () => {
    expect(report.gaps[0]).toMatchObject({ count: 2, keyWords: ['visa'] });
    expect(report.mostCited).toEqual([
      { article: 'a1', title: 'First article', count: 2 },
      { article: 'a2', title: 'a2', count: 1 },
    ]);
  });

  it('has one entry a day for the period, today last, answered and unanswered', () => {
    expect(report.perDay).toHaveLength(7);
    expect(report.perDay.at(-1)).toEqual({ day: '2026-12-04', answered: 1, unanswered: 1 });
    expect(report.perDay.at(-2)).toEqual({ day: '2026-12-03', answered: 1, unanswered: 1 });
  });

  it('says n/a for shares when nothing was asked or voted', () => {
    const empty = summarize([], [], { days: 1, now: NOW });
    expect(empty).toMatchObject({
      asked: 0,
      answeredShare: null,
      helpfulShare: null,
      gaps: [],
      perDay: [{ day: '2026-12-04', answered: 0, unanswered: 0 }],
    });
    expect(insightsText(empty, 'every server')).toContain('answered n/a');
  });
});

describe('the questions-per-day chart', () => {
  const blue = [0x2b, 0x6c, 0xb0];
  const orange = [0xdd, 0x6b, 0x20];
  /** How many pixels of a colour the chart has. */
  function pixelsOf(svg: string, rgb: number[]): number {
    const { pixels } = svgPixels(svg);
    let n = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i] === rgb[0] && pixels[i + 1] === rgb[1] && pixels[i + 2] === rgb[2]) n++;
    return n;
  }
  const legend = (rgb: number[]) =>
    pixelsOf(drawQuestionsPerDay([{ day: '2026-12-04', answered: 0, unanswered: 0 }]), rgb);

  it('draws answered and unanswered bars with areas in proportion to the counts', () => {
    const svg = drawQuestionsPerDay([
      { day: '2026-12-03', answered: 4, unanswered: 0 },
      { day: '2026-12-04', answered: 2, unanswered: 2 },
    ]);
    expect(CHART_COLORS.answered).toBe('#2b6cb0');
    const answered = pixelsOf(svg, blue) - legend(blue);
    const unanswered = pixelsOf(svg, orange) - legend(orange);
    expect(answered / unanswered).toBeCloseTo(3, 0);
  });

  it('draws no bar for a day without questions, and is the same picture every time', () => {
    const quiet = [{ day: '2026-12-04', answered: 0, unanswered: 0 }];
    expect(pixelsOf(drawQuestionsPerDay(quiet), blue)).toBe(legend(blue));
    const report = summarize([asked('q', 'answered')], [], { days: 7, now: NOW });
    expect(questionsPerDayPng(report).data.equals(questionsPerDayPng(report).data)).toBe(true);
    expect(questionsPerDayPng(report).data.subarray(1, 4).toString()).toBe('PNG');
  });

  it('goes in the /insights embed as its image, the text bars only without it', () => {
    const report = summarize([asked('q', 'answered')], [], { days: 7, now: NOW });
    const withChart = renderInsights(report);
    expect(withChart.embeds?.[0]?.image?.url).toBe('attachment://questions-per-day.png');
    expect(withChart.files?.[0]?.data.length).toBeGreaterThan(1000);
    expect(JSON.stringify(withChart.embeds)).not.toContain('# answered');
    const text = renderInsights(report, { chart: false });
    expect(text.files ?? []).toEqual([]);
    expect(JSON.stringify(text.embeds)).toContain('# answered');
  });
});
