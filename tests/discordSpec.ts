import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Validators for Discord payloads from Discord's official OpenAPI description (the parts citebot sends,
 * copied into tests/fixtures/discord-openapi by scripts/extractDiscordSchemas.mjs). Formats such as
 * "snowflake" are Discord's own and not checked; types, required fields, enums and lengths are.
 */
const spec = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'discord-openapi', 'schemas.json'), 'utf8'),
) as { roots: Record<string, unknown>; $defs: Record<string, unknown> };

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: 'discord', $defs: spec.$defs });

function validator(root: string): ValidateFunction {
  const schema = JSON.parse(JSON.stringify(spec.roots[root]).replaceAll('"#/$defs/', '"discord#/$defs/'));
  return ajv.compile(schema);
}

const validators = {
  commandsOverwrite: validator('commandsOverwrite'),
  interactionCallback: validator('interactionCallback'),
  messageCreate: validator('messageCreate'),
  webhookMessageEdit: validator('webhookMessageEdit'),
};

/** The problems Discord's spec finds in a payload (empty when it is valid), as short lines. */
export function specProblems(kind: keyof typeof validators, payload: unknown): string[] {
  const validate = validators[kind];
  if (validate(payload)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
