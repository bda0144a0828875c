import { z } from 'zod';

/** The question-set format of `tests/eval/dev-questions.json`: questions with gold snippets, and typed checks. */
export const questionSetSchema = z.object({
  about: z.string().optional(),
  /**
   * What each `gold` is: `answer`, the answer's words (SQuAD: then answer spans are scored), or
   * `sentence`, a distinctive piece of the answering sentence (no answer span to score).
   */
  gold: z.enum(['answer', 'sentence']).default('answer'),
  questions: z
    .array(
      z.object({
        q: z.string().min(1),
        /**
         * A distinctive piece of the sentence that answers it. Left out for a question members asked
         * that has no answer yet (`citebot insights --unanswered --format questions`): eval then only
         * counts whether citebot answers it now.
         */
        gold: z.string().min(1).optional(),
        article: z.string().optional(),
        /** How many times members asked it (from the question log). */
        asked: z.number().int().positive().optional(),
      }),
    )
    .min(1, 'expected at least one question'),
  typed: z
    .object({
      who: z
        .object({
          must_include: z.array(z.string()).default([]),
          role_of: z.record(z.string(), z.string()).default({}),
        })
        .optional(),
      where: z
        .object({
          must_include: z.array(z.string()).default([]),
          description_of: z.record(z.string(), z.string()).default({}),
        })
        .optional(),
      when: z.object({ must_include_date: z.string(), why: z.string().optional() }).optional(),
      themes: z.object({ expect_some_of: z.array(z.string()) }).optional(),
    })
    .optional(),
});

/** A parsed question set. */
export type QuestionSet = z.infer<typeof questionSetSchema>;

/** Parses a question set from JSON text; throws with the field and problem when it is malformed. */
export function parseQuestionSet(json: string): QuestionSet {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`eval: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = questionSetSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`eval: field "${issue?.path.join('.') || '(root)'}": ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
