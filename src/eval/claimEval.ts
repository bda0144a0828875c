import { z } from 'zod';
import { sentencesForClaim } from '../answer/claims.ts';
import type { Engine } from '../answer/engine.ts';

/** The claim-set format of `tests/fixtures/claims/claims.json`: claims, each true, false or unrelated. */
export const claimSetSchema = z.object({
  about: z.string().optional(),
  /** The corpus folders the claims are answered from, relative to the set's project. */
  corpora: z.array(z.string()).min(1),
  claims: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.enum(['true', 'false']), claim: z.string().min(1), sentence: z.string().min(1) }),
        z.object({ kind: z.literal('unrelated'), claim: z.string().min(1) }),
      ]),
    )
    .min(1),
});

/** A parsed claim set. */
export type ClaimSet = z.infer<typeof claimSetSchema>;

/** What one claim got: the sentence offered first (or null: "nothing") and whether that is right. */
export interface ClaimOutcome {
  kind: 'true' | 'false' | 'unrelated';
  claim: string;
  expected: string | null;
  first: string | null;
  right: boolean;
}

/** How "Find sources" did on a claim set: per kind, how often the first sentence is the one the claim is about, and how often unrelated claims got nothing. */
export interface ClaimReport {
  claims: number;
  /** True and false claims whose first sentence is the one they are about, of how many. */
  firstRight: { true: [number, number]; false: [number, number]; all: [number, number] };
  /** Unrelated claims that got "nothing", of how many. */
  unrelatedNothing: [number, number];
  /** Related (true or false) claims that got nothing, of how many. */
  relatedNothing: [number, number];
  outcomes: ClaimOutcome[];
}

/** Parses a claim set from JSON text; throws with the problem when it is malformed. */
export function parseClaimSet(json: string): ClaimSet {
  const parsed = claimSetSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`claims: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  return parsed.data;
}

/** Runs every claim of a set through the claim finder and counts (see ClaimReport). */
export function evaluateClaims(engine: Engine, set: ClaimSet): ClaimReport {
  const outcomes = set.claims.map((c): ClaimOutcome => {
    const first = sentencesForClaim(engine, c.claim)[0]?.id ?? null;
    const expected = c.kind === 'unrelated' ? null : c.sentence;
    return { kind: c.kind, claim: c.claim, expected, first, right: first === expected };
  });
  const count = (
    pick: (o: ClaimOutcome) => boolean,
    right: (o: ClaimOutcome) => boolean,
  ): [number, number] => {
    const chosen = outcomes.filter(pick);
    return [chosen.filter(right).length, chosen.length];
  };
  return {
    claims: outcomes.length,
    firstRight: {
      true: count(
        (o) => o.kind === 'true',
        (o) => o.right,
      ),
      false: count(
        (o) => o.kind === 'false',
        (o) => o.right,
      ),
      all: count(
        (o) => o.kind !== 'unrelated',
        (o) => o.right,
      ),
    },
    unrelatedNothing: count(
      (o) => o.kind === 'unrelated',
      (o) => o.first === null,
    ),
    relatedNothing: count(
      (o) => o.kind !== 'unrelated',
      (o) => o.first === null,
    ),
    outcomes,
  };
}

/** The report as a few lines of text, the misses listed. */
export function renderClaimReport(report: ClaimReport): string {
  const share = ([n, of]: [number, number]) => `${n}/${of} (${of ? ((100 * n) / of).toFixed(0) : 0}%)`;
  const lines = [
    `claims: ${report.claims}`,
    `first sentence is the one the claim is about: ${share(report.firstRight.all)} (true ${share(report.firstRight.true)}, one detail changed ${share(report.firstRight.false)})`,
    `unrelated claims answered "nothing": ${share(report.unrelatedNothing)}`,
    `related claims answered "nothing": ${share(report.relatedNothing)}`,
  ];
  const misses = report.outcomes.filter((o) => !o.right);
  if (misses.length) lines.push('misses:');
  for (const m of misses)
    lines.push(`  [${m.kind}] ${m.claim} -> ${m.first ?? 'nothing'} (expected ${m.expected ?? 'nothing'})`);
  return `${lines.join('\n')}\n`;
}
