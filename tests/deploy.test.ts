import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../commands/index.ts';
import { specProblems } from './discordSpec.ts';
import { APP_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID } from './fakeDiscord.ts';
import { runCliCaptured } from './helpers.ts';

const cli = runCliCaptured;

describe('citebot deploy', () => {
  let fake: FakeDiscord;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    env = { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl };
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('prints the definitions with --dry-run, without a token', async () => {
    const { code, out } = await cli(['deploy', '--dry-run'], {});
    expect(code).toBe(0);
    const json = JSON.parse(out) as Array<{
      name: string;
      description: string;
      options: Array<{ name: string }>;
      default_member_permissions?: string;
    }>;
    expect(json.map((c) => c.name)).toEqual([
      'ask',
      'who',
      'where',
      'when',
      'themes',
      'search',
      'source',
      'help',
      'reload',
      'ingest',
      'insights',
      'forget-me',
      'settings',
      'Find sources',
    ]);
    // The server managers' commands are hidden from other members by default; /ingest is offered in
    // servers and checked on use (Manage Server, or the role /settings names).
    const admin = ['reload', 'settings', 'insights'];
    for (const name of admin)
      expect(json.find((c) => c.name === name)).toMatchObject({ default_member_permissions: 32 });
    expect(json.find((c) => c.name === 'ingest')?.default_member_permissions).toBeUndefined();
    // /forget-me always answers privately and is about the member themselves: no private or mention option.
    for (const command of json.filter(
      (c) => ![...admin, 'ingest', 'forget-me', 'Find sources'].includes(c.name),
    )) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.options.map((o) => o.name)).toEqual(expect.arrayContaining(['private', 'mention']));
    }
  });

  it("--dry-run output is valid against Discord's OpenAPI description, and says where each command can be used", async () => {
    const { out, err } = await cli(['deploy', '--dry-run'], {});
    const json = JSON.parse(out) as Array<{
      name: string;
      type: number;
      contexts: number[];
      integration_types: number[];
    }>;
    expect(specProblems('commandsOverwrite', json)).toEqual([]);
    // The read-only commands, and /forget-me (it deletes only what is kept about whoever runs it).
    const readOnly = [
      'ask',
      'who',
      'where',
      'when',
      'themes',
      'search',
      'source',
      'help',
      'Find sources',
      'forget-me',
    ];
    for (const command of json) {
      const everywhere = readOnly.includes(command.name);
      // Server (0) and user (1) installs; servers (0), the bot DM (1), group DMs and DMs (2).
      expect(command.integration_types).toEqual(everywhere ? [0, 1] : [0]);
      expect(command.contexts).toEqual(everywhere ? [0, 1, 2] : [0]);
    }
    expect(json.find((c) => c.name === 'Find sources')?.type).toBe(3);
    expect(err).toBe(
      'ask, who, where, when, themes, search, source, help, forget-me, Find sources: server and user installs; in servers, the bot DM, group DMs and DMs\nreload, ingest, insights, settings: server installs; in servers\n',
    );
  });

  it('the spec check fails on a definition Discord would refuse (the check itself works)', () => {
    expect(specProblems('commandsOverwrite', [{ name: 'x', contexts: [7] }])).not.toEqual([]);
    expect(specProblems('commandsOverwrite', [{ name: 'x'.repeat(40) }])).not.toEqual([]);
    expect(
      specProblems('interactionCallback', { type: 4, data: { embeds: [{ description: 'x'.repeat(5000) }] } }),
    ).not.toEqual([]);
  });

  it('registers the commands in a guild and reports what it created, then that nothing changed', async () => {
    const first = await cli(['deploy', '--guild', GUILD_ID, '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({
      scope: `guild ${GUILD_ID}`,
      created: APP_COMMANDS.map((c) => c.data.name),
      removed: [],
    });
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const second = await cli(['deploy', '--guild', GUILD_ID, '--json'], env);
    expect(JSON.parse(second.out)).toMatchObject({ created: [], changed: [], removed: [] });
  });

  it('registers globally without --guild and says that it can take a while', async () => {
    const { code, out } = await cli(['deploy'], env);
    expect(code).toBe(0);
    expect(out).toMatch(/Deployed 14 commands \(global\)/);
    expect(out).toMatch(/created: ask, who/);
    expect(
      fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/commands`),
    ).toBe(true);
  });

  it('fails in one line without a token, and never prints the token', async () => {
    const missing = await cli(['deploy'], {});
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('config: DISCORD_TOKEN is required\n');
    const ok = await cli(['deploy', '--guild', GUILD_ID], env);
    expect(ok.out + ok.err).not.toContain(FAKE_TOKEN);
  });
});
