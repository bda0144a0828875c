import { createColors } from 'picocolors';
import type { EvalReport } from '../eval/evaluate.ts';

/** Renders an evaluation report as a small table (citebot next to MiniSearch, plain and stemmed), span scores, unanswerable questions and the first misses. */
export function renderEvalReport(report: EvalReport, color: boolean): string {
  const c = createColors(color);
  const row = (name: string, a: string, b: string, d: string) =>
    `${name.padEnd(8)}${a.padStart(10)}${b.padStart(18)}${d.padStart(22)}`;
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    c.bold(`${report.questions} questions`),
    row('', 'citebot', 'plain MiniSearch', 'MiniSearch + stems'),
    row('top-1', pct(report.citebot.top1), pct(report.baseline.top1), pct(report.stemmed.top1)),
    row('top-3', pct(report.citebot.top3), pct(report.baseline.top3), pct(report.stemmed.top3)),
    row('MRR', pct(report.citebot.mrr), pct(report.baseline.mrr), pct(report.stemmed.mrr)),
    // A set whose gold is a piece of the sentence, not the answer's words, has no span to score.
    ...(report.spans
      ? [`answer span: exact match ${pct(report.spans.exactMatch)}, F1 ${pct(report.spans.f1)}`]
      : []),
    ...(report.open.questions
      ? [
          `members' questions without gold: ${report.open.questions}, answered now ${report.open.answered} (write their gold to score them)`,
        ]
      : []),
    ...(report.unanswerable.questions
      ? [
          `not in the corpus: ${report.unanswerable.questions} questions, answered anyway ${pct(report.unanswerable.answered / report.unanswerable.questions)} (should be empty)`,
        ]
      : []),
    '',
    c.bold(`citebot misses (${report.citebot.misses.length})`),
  ];
  const shown = report.citebot.misses.slice(0, 30);
  for (const miss of shown) {
    lines.push(`  ${miss.q}`);
    lines.push(
      c.dim(
        `    gold "${miss.gold}" ranked ${miss.rank ?? 'not found'}; first: ${(miss.got ?? '-').slice(0, 90)}`,
      ),
    );
  }
  if (report.citebot.misses.length > shown.length)
    lines.push(c.dim(`  … and ${report.citebot.misses.length - shown.length} more (--json lists them all)`));
  if (report.typed.length) {
    const passed = report.typed.filter((t) => t.passed).length;
    lines.push('', c.bold(`typed checks: ${passed}/${report.typed.length} passed`));
    for (const t of report.typed) {
      const mark = t.passed ? c.green('ok  ') : c.red('FAIL');
      lines.push(`  ${mark} ${t.check}${t.detail && !t.passed ? c.dim(` (${t.detail})`) : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
