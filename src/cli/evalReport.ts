import { createColors } from 'picocolors';
import type { EvalReport } from '../eval/evaluate.ts';

/** Renders an evaluation report as a small table (citebot next to plain MiniSearch) and the misses. */
export function renderEvalReport(report: EvalReport, color: boolean): string {
  const c = createColors(color);
  const row = (name: string, a: string, b: string) => `${name.padEnd(8)}${a.padStart(10)}${b.padStart(18)}`;
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    c.bold(`${report.questions} questions`),
    row('', 'citebot', 'plain MiniSearch'),
    row('top-1', pct(report.citebot.top1), pct(report.baseline.top1)),
    row('top-3', pct(report.citebot.top3), pct(report.baseline.top3)),
    row('MRR', pct(report.citebot.mrr), pct(report.baseline.mrr)),
    '',
    c.bold(`citebot misses (${report.citebot.misses.length})`),
  ];
  for (const miss of report.citebot.misses) {
    lines.push(`  ${miss.q}`);
    lines.push(
      c.dim(
        `    gold "${miss.gold}" ranked ${miss.rank ?? 'not found'}; first: ${(miss.got ?? '-').slice(0, 90)}`,
      ),
    );
  }
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
