// Copies the parts of Discord's official OpenAPI description (MIT, github.com/discord/discord-api-spec)
// that citebot's payloads are checked against into tests/fixtures/discord-openapi/schemas.json:
// the bulk command overwrite, the interaction callback and the channel message create, with every
// schema they reference. Run by hand when the spec changes:
//   node scripts/extractDiscordSchemas.mjs /path/to/openapi.json
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: node scripts/extractDiscordSchemas.mjs <openapi.json>');
const spec = JSON.parse(readFileSync(file, 'utf8'));
const bodyOf = (path, method) => spec.paths[path][method].requestBody.content['application/json'].schema;
const roots = {
  commandsOverwrite: bodyOf('/applications/{application_id}/commands', 'put'),
  interactionCallback: bodyOf('/interactions/{interaction_id}/{interaction_token}/callback', 'post'),
  messageCreate: bodyOf('/channels/{channel_id}/messages', 'post'),
  webhookMessageEdit: bodyOf('/webhooks/{webhook_id}/{webhook_token}/messages/@original', 'patch'),
};
const schemas = {};
const visit = (node) => {
  if (Array.isArray(node)) return node.forEach(visit);
  if (!node || typeof node !== 'object') return;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    if (!schemas[name]) {
      schemas[name] = spec.components.schemas[name];
      visit(schemas[name]);
    }
  }
  Object.values(node).forEach(visit);
};
visit(roots);
const rewrite = (node) => JSON.parse(JSON.stringify(node).replaceAll('#/components/schemas/', '#/$defs/'));
writeFileSync(
  new URL('../tests/fixtures/discord-openapi/schemas.json', import.meta.url),
  `${JSON.stringify(
    {
      $comment: `From Discord's OpenAPI description ${spec.info.version} (${spec.openapi}), MIT licensed: https://github.com/discord/discord-api-spec. Extracted by scripts/extractDiscordSchemas.mjs.`,
      roots: rewrite(roots),
      $defs: rewrite(schemas),
    },
    null,
    1,
  )}\n`,
);
