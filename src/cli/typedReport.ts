import { createColors } from 'picocolors';
import type { Score, TypedReport } from '../eval/typedEval.ts';

/** Renders a typed evaluation: per command, citebot's precision, recall and F1 next to the raw library's, then the most frequent errors. */
export function renderTypedReport(report: TypedReport, color: boolean): string {
  const c = createColors(color);
  const prf = (s: Score) => `${s.precision.toFixed(3)} / ${s.recall.toFixed(3)} / ${s.f1.toFixed(3)}`;
  const measure = report.set === 'themes' ? 'P@10 / R@10 / F1@10 (per article)' : 'P / R / F1';
  const lines = [c.bold(`${report.set} set: ${report.articles} articles, ${measure}`)];
  for (const row of report.rows) {
    lines.push(
      `  /${row.command.padEnd(7)} citebot ${prf(row.citebot)}   ${row.baselineName} ${prf(row.baseline)}`,
    );
    if (row.note) lines.push(c.dim(`           (${row.note})`));
  }
  lines.push('', c.bold('most frequent errors'));
  for (const e of report.errors)
    lines.push(`  /${e.command} ${e.kind.padEnd(6)} ${e.text} ${c.dim(`(${e.article})`)}`);
  return `${lines.join('\n')}\n`;
}
