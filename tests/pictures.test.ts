import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerItem } from '../src/answer/answer.ts';
import { engineCollection } from '../src/answer/collection.ts';
import { when } from '../src/answer/when.ts';
import { where } from '../src/answer/who.ts';
import { handleButton } from '../src/discord/buttons.ts';
import { LIMITS } from '../src/discord/limits.ts';
import { pictureMaker, withPicture } from '../src/discord/picture.ts';
import { answerReply } from '../src/discord/slashCommand.ts';
import { callbackBody, callbackFiles, messageJson } from '../src/http/apiInteraction.ts';
import { locatePlaces, type PlaceLocation } from '../src/lexicon/placeLocation.ts';
import { createLogger } from '../src/lib/log.ts';
import { answerPicture, enginePicture, mapPlacesOf, timelineOf } from '../src/render/answerPicture.ts';
import {
  drawLocatorMap,
  MAP_COLORS,
  MAP_HEIGHT,
  MAP_WIDTH,
  type MapPlace,
} from '../src/render/locatorMap.ts';
import { measuredTextWidth, svgPixels, svgToPng } from '../src/render/png.ts';
import { boxMeetsCircle, escapeXml, overlaps, textWidth } from '../src/render/svgText.ts';
import { drawTimeline, type TimelineEvent } from '../src/render/timeline.ts';
import { specProblems } from './discordSpec.ts';
import { EXTRA_CORPUS_DIR, loadEngine, seedEngine } from './helpers.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The width and height a PNG's header (IHDR) declares, after checking the signature. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The colour of a pixel as #rrggbb. */
function colorAt(image: { pixels: Buffer; width: number }, x: number, y: number): string {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return `#${[0, 1, 2].map((k) => (image.pixels[i + k] as number).toString(16).padStart(2, '0')).join('')}`;
}

const city = (lat: number, lon: number, country = 'China', countryCode = 'CN'): PlaceLocation => ({
  kind: 'city',
  lat,
  lon,
  country,
  countryCode,
});

const NORTHEAST = ['Jilin', 'Liaoning', 'Heilongjiang', 'Inner Mongolia'];

describe('locatePlaces: names to points with the gazetteer', () => {
  it('finds the seed’s places, a province by its name with "Province", and no town for a country', () => {
    const located = locatePlaces(['China', 'Jilin Province', 'Changchun', 'Inner Mongolia']);
    expect(located.get('China')).toMatchObject({
      ok: true,
      location: { kind: 'country', countryCode: 'CN' },
    });
    expect(located.get('Jilin Province')).toMatchObject({ ok: true, location: { kind: 'region' } });
    const changchun = located.get('Changchun');
    expect(changchun?.ok && changchun.location).toMatchObject({ kind: 'city', countryCode: 'CN' });
    if (changchun?.ok) {
      expect(changchun.location.lat).toBeCloseTo(43.88, 1);
      expect(changchun.location.lon).toBeCloseTo(125.32, 1);
    }
  });

  it('tells places of one name apart by the others named', () => {
    const located = locatePlaces(['Chelsea'], ['Massachusetts', 'U.S.']);
    const chelsea = located.get('Chelsea');
    expect(chelsea?.ok && chelsea.location.countryCode).toBe('US');
  });

  it('says why a name has no point', () => {
    expect(locatePlaces(['Riverside Memorial Bridge']).get('Riverside Memorial Bridge')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });
});

describe('the locator map of the seed’s /where', () => {
  const engine = seedEngine();
  const answer = where(engine, '', { limit: 25 });
  const places = mapPlacesOf(answer);
  const map = drawLocatorMap(places);
  const image = svgPixels(map.svg);

  it('numbers each place as the list does, with the label the list gives', () => {
    expect(places.map((p) => p.number)).toEqual(answer.items.map((_, i) => i + 1));
    expect(places.map((p) => p.name)).toEqual(answer.items.map((i) => i.label));
    expect(map.markers.map((m) => m.number)).toEqual(places.filter((p) => p.location).map((p) => p.number));
  });

  it('keeps a place’s description in the list, not on the map', () => {
    const described = answer.items.find((i) => i.detail)?.detail as string;
    expect(described).toBeTruthy();
    expect(map.svg).not.toContain(escapeXml(described));
  });

  it('draws a city marker’s colour around the projected point of Changchun (its number sits on the point)', () => {
    const changchun = places.find((p) => p.name === 'Changchun')?.location as PlaceLocation;
    const [x, y] = map.project(changchun.lon, changchun.lat);
    for (const [dx, dy] of [
      [-7, 0],
      [7, 0],
      [0, -7],
      [0, 7],
    ] as const)
      expect(colorAt(image, x + dx, y + dy)).toBe(MAP_COLORS.city);
    expect(colorAt(image, x + 40, y + 40)).not.toBe(MAP_COLORS.city);
  });

  it('holds every northeast province the article names inside the frame', () => {
    for (const name of NORTHEAST) {
      const place = places.find((p) => p.name.startsWith(name));
      expect(place?.location, name).toBeTruthy();
      const [x, y] = map.project(place?.location?.lon ?? 0, place?.location?.lat ?? 0);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
    }
    expect(map.frame).toBe('regional');
  });

  it('is a PNG of the expected size, under 400 KB, the same bytes every time', () => {
    const picture = enginePicture(engine, answer);
    expect(picture?.kind).toBe('map');
    const data = picture?.data as Buffer;
    expect(pngSize(data)).toEqual({ width: MAP_WIDTH, height: MAP_HEIGHT });
    expect(data.length).toBeLessThan(400 * 1024);
    expect(enginePicture(engine, answer)?.data.equals(data)).toBe(true);
    expect(picture?.alt).toMatch(/^Map of the places: 1 China, 2 Jilin Province, 3 Changchun/);
  });
});

describe('locator map drawing', () => {
  it('names a place without coordinates in the footnote, with its number', () => {
    const map = drawLocatorMap([
      { number: 7, name: 'Riverside Memorial Bridge', location: null, reason: 'unknown' },
      { number: 8, name: 'Boston', location: city(42.36, -71.06, 'United States', 'US') },
    ]);
    expect(map.unplaced.map((p) => p.number)).toEqual([7]);
    expect(map.svg).toMatch(/<text[^>]*>Not on the map: 7 Riverside Memorial Bridge/);
    expect(map.markers.map((m) => m.number)).toEqual([8]);
  });

  it('escapes names: markup in a name is text, and the picture still draws', () => {
    const name = 'Fort <b>"Bad" & Co\'s</b>';
    const map = drawLocatorMap([
      { number: 1, name, location: city(40, 116) },
      { number: 2, name: '<script>', location: null },
    ]);
    expect(map.svg).not.toContain('<b>');
    expect(map.svg).not.toContain('<script>');
    expect(map.svg).toContain('&lt;script&gt;');
    expect(map.svg).toContain('Fort &lt;b&gt;&quot;Bad&quot; &amp; Co&apos;s&lt;/b&gt;');
    expect(pngSize(svgToPng(map.svg).data)).toEqual({ width: MAP_WIDTH, height: MAP_HEIGHT });
  });

  it('draws the whole world when the places span it, with no inset', () => {
    const map = drawLocatorMap([
      { number: 1, name: 'Nairobi', location: city(-1.29, 36.82, 'Kenya', 'KE') },
      { number: 2, name: 'Boston', location: city(42.36, -71.06, 'United States', 'US') },
      { number: 3, name: 'Wuhan', location: city(30.58, 114.27) },
    ]);
    expect(map.frame).toBe('world');
  });

  it('never lets a label meet a marker (its own or another) or another label', () => {
    const place = fc.record({
      lat: fc.double({ min: 20, max: 50, noNaN: true }),
      lon: fc.double({ min: 100, max: 135, noNaN: true }),
      name: fc.string({ minLength: 1, maxLength: 30 }),
      kind: fc.constantFrom('city' as const, 'region' as const),
    });
    fc.assert(
      fc.property(fc.array(place, { minLength: 1, maxLength: 12 }), (list) => {
        const places: MapPlace[] = list.map((p, i) => ({
          number: i + 1,
          name: `${p.name}${i}`,
          location: { ...city(p.lat, p.lon), kind: p.kind },
        }));
        const map = drawLocatorMap(places);
        for (const label of map.labels) {
          for (const m of map.markers) expect(boxMeetsCircle(label.box, m.x, m.y, m.r)).toBe(false);
          for (const other of map.labels)
            if (other !== label) expect(overlaps(label.box, other.box)).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('estimates text widths no narrower than the renderer draws them', () => {
    for (const text of [
      'Changchun',
      'Inner Mongolia',
      'WWW MMM',
      'Ürümqi — Qiqihar',
      'iiii llll',
      '12 Oct',
    ]) {
      expect(textWidth(text, 13)).toBeGreaterThanOrEqual(measuredTextWidth(text, 13));
      expect(textWidth(text, 11, true)).toBeGreaterThanOrEqual(measuredTextWidth(text, 11, true));
    }
  });
});

describe('the timeline of /when', () => {
  const events: TimelineEvent[] = [
    { numbers: [1], from: '2024-10-14', to: '2024-10-14', label: 'A conference was held' },
    { numbers: [2], from: '2024-03-10', to: '2024-03-10', label: 'The bridge reopened' },
    { numbers: [3, 4], from: '2024-08-26', to: '2024-10-20', label: 'The exhibition runs' },
    { numbers: [5], from: '2024-10-14', to: '2024-10-14', label: 'Guests toured <the> site' },
  ];
  const timeline = drawTimeline(events, [{ iso: '2024-10-15', label: '2024-10-15: Seed' }]);

  it('puts the events in date order from left to right', () => {
    const byDate = [...timeline.events].sort((a, b) => a.x - b.x).map((e) => e.numbers[0]);
    expect(byDate).toEqual([2, 3, 1, 5]);
    const x = (n: number) => timeline.events.find((e) => e.numbers[0] === n)?.x ?? Number.NaN;
    expect(x(2)).toBeLessThan(x(3));
    expect(x(3)).toBeLessThan(x(1));
    expect(x(1)).toBe(x(5));
  });

  it('stacks the events of one day, never one flag over another', () => {
    const boxes = timeline.events.map((e) => e.box);
    for (const box of boxes) expect(box).not.toBeNull();
    for (const a of boxes) for (const b of boxes) if (a !== b && a && b) expect(overlaps(a, b)).toBe(false);
  });

  it('draws a range as a bar, ticks by the span, the reference day, and escapes labels', () => {
    expect(timeline.svg).toMatch(/<rect[^>]*height="8"/);
    expect(timeline.events.find((e) => e.numbers.length === 2)?.numbers).toEqual([3, 4]);
    expect(timeline.unit).toBe('month');
    expect(timeline.svg).toContain('stroke-dasharray');
    expect(timeline.svg).toContain('Guests toured &lt;the&gt; site');
    expect(drawTimeline(events.slice(0, 1), []).unit).toBe('day');
    expect(
      drawTimeline([{ numbers: [1], from: '1990-01-01', to: '1990-01-01', label: 'x' }, ...events], []).unit,
    ).toBe('year');
  });

  it('is numbered as the list, marks the article’s reference day, and is a PNG', () => {
    const engine = seedEngine();
    const answer = when(engine);
    const { events: seedEvents, references } = timelineOf(answer, {
      offset: 0,
      article: (id) => ({ day: engine.article(id)?.dateline?.date ?? '', title: 'Seed' }),
    });
    expect(seedEvents.map((e) => e.numbers)).toEqual(answer.items.map((_, i) => [i + 1]));
    expect(seedEvents[0]?.from).toBe('2024-10-14');
    expect(references).toEqual([{ iso: '2024-10-15', label: '2024-10-15: Seed' }]);
    const picture = enginePicture(engine, answer);
    expect(picture?.kind).toBe('timeline');
    expect(pngSize(picture?.data as Buffer).width).toBe(800);
    expect(picture?.data.length).toBeLessThan(400 * 1024);
    expect(enginePicture(engine, answer)?.data.equals(picture?.data as Buffer)).toBe(true);
  });

  it('reads the two ends of one range as one bar', () => {
    const item = (iso: string): AnswerItem => ({
      kind: 'date',
      label: iso,
      detail: 'from Aug. 26 to Oct. 20: The exhibition runs from Aug. 26 to Oct. 20',
      text: 'The exhibition runs from Aug. 26 to Oct. 20.',
      citations: [{ article: 'a', title: 'A', url: 'https://x.example/a', paragraph: 2, sentence: 1 }],
      score: 1,
    });
    const answer: Answer = {
      command: 'when',
      query: '',
      items: [item('2024-08-26'), item('2024-10-20')],
      total: 2,
      suggestions: [],
    };
    const { events: read } = timelineOf(answer, { offset: 10 });
    expect(read).toEqual([
      { numbers: [11, 12], from: '2024-08-26', to: '2024-10-20', label: 'The exhibition runs' },
    ]);
  });
});

describe('pictures of other answers', () => {
  it('has none for commands without one, or with nothing to draw', () => {
    const engine = seedEngine();
    expect(answerPicture({ command: 'who', query: '', items: [], total: 0, suggestions: [] })).toBeNull();
    expect(enginePicture(engine, where(engine, 'Atlantis'))).toBeNull();
  });

  it('numbers a later page from its offset, as the list does (More)', () => {
    const engine = loadEngine(EXTRA_CORPUS_DIR);
    const second = where(engine, '', { limit: 6, offset: 6 });
    const places = mapPlacesOf(second, { offset: 6 });
    expect(places[0]?.number).toBe(7);
    expect(enginePicture(engine, second, { offset: 6 })?.alt).toMatch(/: 7 /);
  });
});

describe('pictures in Discord replies', () => {
  const logged: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', {
    destination: { write: (line: string) => void logged.push(JSON.parse(line)) },
  });
  const services = { picture: pictureMaker({ enabled: true, logger }) };
  const input = {
    text: '',
    isPrivate: false,
    mentionId: null,
    userId: '1600000000000000001',
    canManageGuild: false,
    now: Date.now(),
  };

  it('shows the PNG in the embed and lists it as the one attachment, inside Discord’s limits', () => {
    const { message } = answerReply(engineCollection(seedEngine()), 'where', input, 0, services);
    expect(message.embeds?.[0]?.image).toEqual({ url: 'attachment://where-map.png' });
    expect(message.attachments).toEqual([
      { id: '0', filename: 'where-map.png', description: expect.stringMatching(/^Map of the places/) },
    ]);
    expect(message.attachments?.length).toBeLessThanOrEqual(LIMITS.attachments);
    for (const a of message.attachments ?? []) {
      expect(a.id).toMatch(/^(0|[1-9][0-9]*)$/);
      expect(a.filename.length).toBeLessThanOrEqual(LIMITS.attachmentFilename);
      expect(a.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.attachmentDescription);
    }
    expect(message.files?.[0]?.name).toBe('where-map.png');
    expect(message.files?.[0]?.data.length).toBeLessThanOrEqual(LIMITS.uploadBytes);
    expect(JSON.stringify(messageJson(message))).not.toContain('"files"');
    expect(specProblems('interactionCallback', callbackBody({ kind: 'reply', message }))).toEqual([]);
  });

  it('keeps the picture in step with the page on More (numbered from 7), and drops it when turned off', async () => {
    const engine = engineCollection(loadEngine(EXTRA_CORPUS_DIR));
    const first = answerReply(engine, 'where', input, 0, services).message;
    const row = first.components?.[0] as { components: Array<{ label: string; custom_id: string }> };
    const more = row.components.find((b) => b.label === 'More')?.custom_id as string;
    const outcome = await handleButton(
      engine,
      {
        customId: more,
        userId: input.userId,
        canManageMessages: false,
        messageAuthor: first.embeds?.[0]?.author?.name,
        ephemeral: false,
        now: input.now,
      },
      services,
    );
    expect(outcome.kind).toBe('update');
    const page = outcome.kind === 'update' ? outcome.message : null;
    expect(page?.attachments?.[0]?.description).toMatch(/places: 7 /);
    if (page)
      expect(specProblems('interactionCallback', callbackBody({ kind: 'update', message: page }))).toEqual(
        [],
      );
    expect(page?.files?.[0]?.data.equals(first.files?.[0]?.data as Buffer)).toBe(false);
    const off = answerReply(engine, 'where', input, 0, { picture: pictureMaker({ enabled: false, logger }) });
    expect(off.message.files).toBeUndefined();
    expect(off.message.attachments).toEqual([]);
    expect(off.message.embeds?.[0]?.image).toBeUndefined();
  });

  it('shares a private /where with its picture: the public post and the updated private reply both carry it', async () => {
    const engine = engineCollection(seedEngine());
    const mine = answerReply(engine, 'where', { ...input, isPrivate: true }, 0, services).message;
    const row = mine.components?.[0] as { components: Array<{ label: string; custom_id: string }> };
    const shareId = row.components.find((b) => b.label === 'Share')?.custom_id as string;
    expect(shareId).toBeTruthy();
    const outcome = await handleButton(
      engine,
      {
        customId: shareId,
        userId: input.userId,
        canManageMessages: false,
        messageAuthor: mine.embeds?.[0]?.author?.name,
        ephemeral: true,
        now: input.now,
        displayName: 'Ann',
      },
      services,
    );
    expect(outcome.kind).toBe('share');
    if (outcome.kind !== 'share') return;
    for (const message of [outcome.update, outcome.post]) {
      expect(message.embeds?.[0]?.image?.url).toBe('attachment://where-map.png');
      expect(message.files?.[0]?.data.equals(mine.files?.[0]?.data as Buffer)).toBe(true);
    }
    expect(callbackFiles(outcome)).toHaveLength(1);
    expect(specProblems('interactionCallback', callbackBody(outcome))).toEqual([]);
  });

  it('sends the answer without a picture when drawing fails, and logs why', () => {
    const engine = seedEngine();
    // The answer reads the place list once; the picture's read (the second) fails.
    let reads = 0;
    const broken = new Proxy(engine, {
      get: (target, key, receiver) => {
        if (key === 'entityLists' && ++reads > 1) throw new Error('atlas unreadable');
        return Reflect.get(target, key, receiver);
      },
    });
    const { message } = answerReply(engineCollection(broken), 'where', input, 0, services);
    expect(message.embeds?.[0]?.description).toContain('Changchun');
    expect(message.files).toBeUndefined();
    expect(message.attachments).toEqual([]);
    expect(logged.find((l) => l.msg === 'picture failed: answer sent without it')).toMatchObject({
      command: 'where',
      err: { message: 'atlas unreadable' },
    });
  });

  it('leaves a message without embeds as it is, but lists no attachments', () => {
    expect(withPicture({ allowed_mentions: { parse: [] } }, null)).toEqual({
      allowed_mentions: { parse: [] },
      attachments: [],
    });
  });
});

describe('reading places and ranges the way the news writes them', () => {
  it('puts a well-known city where a reader means it, though towns elsewhere share its name', () => {
    const located = locatePlaces(['Rome', 'Seville', 'Lima']);
    expect(
      ['Rome', 'Seville', 'Lima'].map((n) => {
        const l = located.get(n);
        return l?.ok ? l.location.countryCode : null;
      }),
    ).toEqual(['IT', 'ES', 'PE']);
  });

  it('labels an event with its own clause, not the leftover of the date before it', () => {
    const answer: Answer = {
      command: 'when',
      query: '',
      items: [
        {
          kind: 'date',
          label: '2024-06-16',
          detail: 'June 16: 5 but won in Bordeaux on May 26 and in Dublin on June 16',
          text: 'Kiptoo lost in Seville on May 5 but won in Bordeaux on May 26 and in Dublin on June 16.',
          citations: [{ article: 'a', title: 'A', url: 'https://x.example/a', paragraph: 3, sentence: 1 }],
          score: 1,
        },
      ],
      total: 1,
      suggestions: [],
    };
    expect(timelineOf(answer).events[0]?.label).toBe('won in Bordeaux on May 26 and in Dublin');
  });

  it('joins a range to its first day when that day is listed under another mention', () => {
    const cite = (paragraph: number) => ({
      article: 'a',
      title: 'A',
      url: 'https://x.example/a',
      paragraph,
      sentence: 1,
    });
    const answer: Answer = {
      command: 'when',
      query: '',
      items: [
        {
          kind: 'date',
          label: '2025-02-11',
          detail: 'on Tuesday: ministers opened a three-day summit in Nairobi on Tuesday',
          text: 'Ministers opened a three-day summit in Nairobi on Tuesday.',
          citations: [cite(1), cite(3)],
          score: 2,
        },
        {
          kind: 'date',
          label: '2025-02-13',
          detail: 'Feb. 11 to Feb. 13: the talks, held from Feb. 11 to Feb. 13',
          text: 'The talks, held from Feb. 11 to Feb. 13, would end with a plan.',
          citations: [cite(3)],
          score: 1,
        },
      ],
      total: 2,
      suggestions: [],
    };
    expect(timelineOf(answer).events).toEqual([
      {
        numbers: [1, 2],
        from: '2025-02-11',
        to: '2025-02-13',
        label: 'ministers opened a three-day summit in Nairobi',
      },
    ]);
  });
});
