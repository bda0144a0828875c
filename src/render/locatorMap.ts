import { createRequire } from 'node:module';
import {
  type GeoPermissibleObjects,
  type GeoProjection,
  geoBounds,
  geoGraticule10,
  geoMercator,
  geoNaturalEarth1,
  geoPath,
} from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { PlaceLocation, UnplacedReason } from '../lexicon/placeLocation.ts';
import { PALETTE } from './palette.ts';
import { FONT_FAMILY } from './png.ts';
import { type Box, boxMeetsCircle, escapeXml, fitText, overlaps, textWidth } from './svgText.ts';

const require = createRequire(import.meta.url);

/** One place of a /where list: its number in the list, its name, and where it is (null when unknown). */
export interface MapPlace {
  number: number;
  name: string;
  location: PlaceLocation | null;
  /** Why a place without a location has none. */
  reason?: UnplacedReason;
}

/** A marker as drawn: the list numbers it stands for, its centre and radius, and the point it marks. */
export interface DrawnMarker {
  number: number;
  name: string;
  kind: PlaceLocation['kind'];
  x: number;
  y: number;
  r: number;
  /** The projected position of the place (the marker moves off it only when another marker sits there). */
  pointX: number;
  pointY: number;
}

/** A drawn locator map: the SVG, its size, and the layout (for tests and alt text). */
export interface LocatorMap {
  svg: string;
  width: number;
  height: number;
  /** 'world' when the places span most of the globe, else 'regional' (with a world inset). */
  frame: 'world' | 'regional';
  markers: DrawnMarker[];
  /** The label drawn beside each marker, by list number (a label that fits nowhere is left out). */
  labels: Array<{ number: number; box: Box }>;
  /** The places left off the map (no coordinates, or more than one place of that name). */
  unplaced: MapPlace[];
  /** Where a longitude and latitude fall on the picture. */
  project: (lon: number, lat: number) => [number, number];
}

/** The picture's size: what a Discord embed shows at full width. */
export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 500;
/** Colours, shared with the tests that look at the pixels. */
export const MAP_COLORS = {
  sea: '#dce9f5',
  land: '#f3f0e8',
  named: '#f6d7a7',
  border: '#a9a293',
  city: PALETTE.red,
  region: PALETTE.blue,
  text: PALETTE.ink,
} as const;
const MARKER_R = 10;
const LABEL_SIZE = 13;
const NOTE_SIZE = 12;
const INSET = { width: 176, height: 96 } as const;
/** Places spanning more than this (degrees of longitude or latitude) get a world map. */
const WORLD_SPAN = { lon: 150, lat: 70 } as const;
/** The least span of a regional frame, so one city is shown with its surroundings. */
const MIN_SPAN = { lon: 8, lat: 5 } as const;

type Countries = FeatureCollection<Geometry, { name: string }>;
/** A country's outline and its box in degrees ([[west, south], [east, north]]). */
type Country = { feature: Countries['features'][number]; bounds: [[number, number], [number, number]] };
const atlases = new Map<string, Country[]>();

/** Natural Earth's country outlines (world-atlas) at 1:110m or 1:50m with their boxes, read once. */
function countries(scale: '110m' | '50m'): Country[] {
  let atlas = atlases.get(scale);
  if (!atlas) {
    const topology = require(`world-atlas/countries-${scale}.json`) as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    const collection = feature(topology, topology.objects.countries) as Countries;
    atlas = collection.features.map((f) => ({ feature: f, bounds: geoBounds(f) }));
    atlases.set(scale, atlas);
  }
  return atlas;
}

/** Whether a country's box meets a frame's box (a box across the antimeridian always may). */
function meets(bounds: Country['bounds'], frame: Country['bounds']): boolean {
  const [[w, s], [e, n]] = bounds;
  if (w > e) return true;
  return w <= frame[1][0] && e >= frame[0][0] && s <= frame[1][1] && n >= frame[0][1];
}

/** The parts of a world map that do not depend on the places, drawn once. */
let worldBase: { svg: string; height: number } | null = null;
/** The inset's world, drawn once per corner. */
const insetLand = new Map<string, string>();

/** Natural Earth's short names for countries the gazetteer names in full. */
const ATLAS_NAMES: Readonly<Record<string, string>> = {
  'united states': 'United States of America',
  'russian federation': 'Russia',
  'democratic republic of the congo': 'Dem. Rep. Congo',
  congo: 'Congo',
  'central african republic': 'Central African Rep.',
  'south sudan': 'S. Sudan',
  'bosnia and herzegovina': 'Bosnia and Herz.',
  'dominican republic': 'Dominican Rep.',
  'czech republic': 'Czechia',
  'north macedonia': 'Macedonia',
  "cote d'ivoire (ivory coast)": "Côte d'Ivoire",
  'equatorial guinea': 'Eq. Guinea',
  'solomon islands': 'Solomon Is.',
  'falkland islands': 'Falkland Is.',
  'western sahara': 'W. Sahara',
  eswatini: 'eSwatini',
  'the bahamas': 'Bahamas',
  'bahamas the': 'Bahamas',
  'east timor': 'Timor-Leste',
  'south korea': 'South Korea',
  'north korea': 'North Korea',
};

/** The atlas name of a gazetteer country. */
function atlasName(country: string): string {
  return ATLAS_NAMES[country.toLowerCase()] ?? country;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Draws a locator map of a /where page as SVG: Natural Earth country outlines, the frame fitted to
 * the places with a margin (the whole world when they span most of it, else a regional Mercator frame
 * with a world inset showing where it is), each place a numbered marker with the list's number: a
 * filled red dot for a city, a blue ring for a region or a country, both at the point the gazetteer
 * gives (a region's or country's centre; countries named are also shaded). Labels go beside their
 * marker where they overlap no marker, label or the inset (else only the number is shown); places
 * without coordinates are named in a footnote. Deterministic: the same places give the same SVG.
 */
export function drawLocatorMap(places: readonly MapPlace[]): LocatorMap {
  const seen = new Set<string>();
  const unique = places.filter((p) => !seen.has(p.name.toLowerCase()) && seen.add(p.name.toLowerCase()));
  const located = unique.filter(
    (p): p is MapPlace & { location: PlaceLocation } => p.location !== null && p.location !== undefined,
  );
  const unplaced = unique.filter((p) => !p.location);
  const footnotes = footnoteLines(unplaced, located);
  const footHeight = footnotes.length * (NOTE_SIZE + 6) + 8;
  const width = MAP_WIDTH;
  const height = MAP_HEIGHT;
  const mapHeight = height - footHeight;

  const lons = located.map((p) => p.location.lon);
  const lats = located.map((p) => p.location.lat);
  const spanLon = lons.length ? Math.max(...lons) - Math.min(...lons) : 360;
  const spanLat = lats.length ? Math.max(...lats) - Math.min(...lats) : 180;
  const world = !located.length || spanLon > WORLD_SPAN.lon || spanLat > WORLD_SPAN.lat;
  const regional = world ? null : regionalFrame(lons, lats, width, mapHeight);
  const projection: GeoProjection = regional ? regional.projection : worldProjection(width, mapHeight);
  const path = geoPath(projection).digits(1);
  const named = new Set(
    located.filter((p) => p.location.kind === 'country').map((p) => atlasName(p.location.country)),
  );

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  if (!regional) {
    if (worldBase?.height !== mapHeight)
      worldBase = { svg: drawBase(path, null, '110m', null), height: mapHeight };
    parts.push(worldBase.svg);
    // The countries named, shaded over the outlines.
    for (const { feature: country } of countries('110m')) {
      if (named.has(country.properties.name)) parts.push(countryPath(path(country), MAP_COLORS.named));
    }
  } else {
    parts.push(drawBase(path, regional.bounds, spanLon > 20 ? '110m' : '50m', named, [width, mapHeight]));
  }

  const markers = placeMarkers(located, projection, width, mapHeight);
  const inset = world ? null : insetBox(markers, width, mapHeight);
  const labels = placeLabels(markers, width, mapHeight, inset);

  if (inset) parts.push(drawInset(inset, lons, lats, projection, width, mapHeight));
  const moved = markers.filter((m) => m.x !== m.pointX || m.y !== m.pointY);
  for (const m of moved)
    parts.push(
      `<line x1="${round(m.pointX)}" y1="${round(m.pointY)}" x2="${round(m.x)}" y2="${round(m.y)}" stroke="${MAP_COLORS.text}" stroke-width="1"/>`,
    );
  for (const label of labels) {
    const m = markers.find((k) => k.number === label.number) as DrawnMarker;
    const text = escapeXml(labelText(m, label.box.width));
    parts.push(
      `<text x="${round(label.box.x + 2)}" y="${round(label.box.y + label.box.height - 4)}" font-size="${LABEL_SIZE}" fill="${MAP_COLORS.text}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${text}</text>`,
    );
  }
  for (const m of moved)
    parts.push(`<circle cx="${round(m.pointX)}" cy="${round(m.pointY)}" r="3" fill="${markerColor(m)}"/>`);
  for (const m of markers) parts.push(drawMarker(m));

  // Footnote: what is not on the map, how regions are drawn, and the source of the outlines.
  parts.push(`<rect y="${mapHeight}" width="${width}" height="${footHeight}" fill="#ffffff"/>`);
  footnotes.forEach((line, i) => {
    parts.push(
      `<text x="10" y="${mapHeight + 6 + (i + 1) * (NOTE_SIZE + 6) - 4}" font-size="${NOTE_SIZE}" fill="${PALETTE.muted}">${escapeXml(line)}</text>`,
    );
  });
  parts.push('</svg>');
  return {
    svg: parts.join(''),
    width,
    height,
    frame: world ? 'world' : 'regional',
    markers,
    labels,
    unplaced,
    project: (lon, lat) => projection([lon, lat]) ?? [Number.NaN, Number.NaN],
  };
}

/** The whole world (Natural Earth projection) in the map's area. */
function worldProjection(width: number, height: number): GeoProjection {
  return geoNaturalEarth1().fitExtent(
    [
      [8, 8],
      [width - 8, height - 8],
    ],
    { type: 'Sphere' },
  );
}

function countryPath(d: string | null, fill: string): string {
  return d
    ? `<path d="${d}" fill="${fill}" stroke="${MAP_COLORS.border}" stroke-width="0.7" stroke-linejoin="round"/>`
    : '';
}

/**
 * The sea, the graticule and the country outlines: for a regional frame only the countries whose box
 * meets the frame's (the rest would be clipped away after projecting every point), named ones shaded.
 */
function drawBase(
  path: ReturnType<typeof geoPath>,
  frame: Country['bounds'] | null,
  scale: '110m' | '50m',
  named: ReadonlySet<string> | null,
  size?: [number, number],
): string {
  const parts: string[] = [];
  const sea = size ? `M0,0H${size[0]}V${size[1]}H0Z` : path({ type: 'Sphere' });
  parts.push(`<path d="${sea}" fill="${MAP_COLORS.sea}"/>`);
  parts.push(
    `<path d="${path(geoGraticule10() as GeoPermissibleObjects) ?? ''}" fill="none" stroke="#c6d8ea" stroke-width="0.6"/>`,
  );
  for (const { feature: country, bounds } of countries(scale)) {
    if (frame && !meets(bounds, frame)) continue;
    const fill = named?.has(country.properties.name) ? MAP_COLORS.named : MAP_COLORS.land;
    parts.push(countryPath(path(country), fill));
  }
  return parts.join('');
}

/**
 * A Mercator projection fitted to the places' box, grown to a least span and by a margin for labels,
 * clipped to the map, and the box in degrees that the map shows.
 */
function regionalFrame(
  lons: number[],
  lats: number[],
  width: number,
  height: number,
): { projection: GeoProjection; bounds: Country['bounds'] } {
  const projection = regionalProjection(lons, lats, width, height).clipExtent([
    [0, 0],
    [width, height],
  ]);
  const [west, north] = projection.invert?.([0, 0]) ?? [-180, 90];
  const [east, south] = projection.invert?.([width, height]) ?? [180, -90];
  return {
    projection,
    bounds: [
      [west - 1, south - 1],
      [east + 1, north + 1],
    ],
  };
}

/** A Mercator projection fitted to the places' box, grown to a least span and by a margin for labels. */
function regionalProjection(lons: number[], lats: number[], width: number, height: number): GeoProjection {
  let [west, east] = [Math.min(...lons), Math.max(...lons)];
  let [south, north] = [Math.min(...lats), Math.max(...lats)];
  const growLon = Math.max(0, MIN_SPAN.lon - (east - west)) / 2 + (east - west) * 0.12;
  const growLat = Math.max(0, MIN_SPAN.lat - (north - south)) / 2 + (north - south) * 0.12;
  [west, east] = [west - growLon, east + growLon];
  [south, north] = [Math.max(-80, south - growLat), Math.min(84, north + growLat)];
  return geoMercator().fitExtent(
    [
      [60, 30],
      [width - 60, height - 30],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [west, south],
        [east, north],
        [west, north],
        [east, south],
      ],
    },
  );
}

/** Markers at the places' projected points; a marker that would cover another moves aside on a short leader. */
function placeMarkers(
  located: ReadonlyArray<MapPlace & { location: PlaceLocation }>,
  projection: GeoProjection,
  width: number,
  height: number,
): DrawnMarker[] {
  const markers: DrawnMarker[] = [];
  // Cities first: their points are exact, a region's or country's centre only stands for an area, so
  // it is the area's marker that moves aside when two meet.
  const order = [
    ...located.filter((p) => p.location.kind === 'city'),
    ...located.filter((p) => p.location.kind !== 'city'),
  ];
  for (const place of order) {
    const [px, py] = projection([place.location.lon, place.location.lat]) ?? [Number.NaN, Number.NaN];
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const free = (x: number, y: number) =>
      x >= MARKER_R &&
      y >= MARKER_R &&
      x <= width - MARKER_R &&
      y <= height - MARKER_R &&
      markers.every((m) => (m.x - x) ** 2 + (m.y - y) ** 2 >= (2 * MARKER_R + 2) ** 2);
    let [x, y] = [px, py];
    if (!free(x, y)) {
      const spots: Array<[number, number]> = [];
      for (const ring of [2.4, 3.6, 4.8])
        for (let k = 0; k < 8; k++) {
          const angle = -Math.PI / 2 + (k * Math.PI) / 4;
          spots.push([px + Math.cos(angle) * ring * MARKER_R, py + Math.sin(angle) * ring * MARKER_R]);
        }
      const spot = spots.find(([sx, sy]) => free(sx, sy));
      if (spot) [x, y] = spot;
    }
    markers.push({
      number: place.number,
      name: place.name,
      kind: place.location.kind,
      x,
      y,
      r: MARKER_R,
      pointX: px,
      pointY: py,
    });
  }
  return markers.sort((a, b) => a.number - b.number);
}

/** The label of a marker: the place's name, cut to the width found for it. */
function labelText(marker: DrawnMarker, width: number): string {
  return fitText(marker.name, LABEL_SIZE, width - 4);
}

/**
 * The collision pass: each label tries the spots around its marker (right, left, above, below, then
 * the diagonals) and takes the first inside the map that meets no marker (its own included), no label
 * placed before and not the inset. A label that fits nowhere is left out; the number still says it.
 */
function placeLabels(
  markers: readonly DrawnMarker[],
  width: number,
  height: number,
  inset: Box | null,
): Array<{ number: number; box: Box }> {
  const placed: Array<{ number: number; box: Box }> = [];
  const gap = 3;
  for (const m of markers) {
    const text = fitText(m.name, LABEL_SIZE, 220);
    const w = textWidth(text, LABEL_SIZE) + 4;
    const h = LABEL_SIZE + 6;
    const r = m.r + gap;
    const spots: Box[] = [
      { x: m.x + r, y: m.y - h / 2, width: w, height: h },
      { x: m.x - r - w, y: m.y - h / 2, width: w, height: h },
      { x: m.x - w / 2, y: m.y - r - h, width: w, height: h },
      { x: m.x - w / 2, y: m.y + r, width: w, height: h },
      { x: m.x + r * 0.75, y: m.y - r * 0.75 - h, width: w, height: h },
      { x: m.x + r * 0.75, y: m.y + r * 0.75, width: w, height: h },
      { x: m.x - r * 0.75 - w, y: m.y - r * 0.75 - h, width: w, height: h },
      { x: m.x - r * 0.75 - w, y: m.y + r * 0.75, width: w, height: h },
    ];
    const box = spots.find(
      (b) =>
        b.x >= 2 &&
        b.y >= 2 &&
        b.x + b.width <= width - 2 &&
        b.y + b.height <= height - 2 &&
        !(inset && overlaps(b, inset)) &&
        markers.every(
          (k) => !boxMeetsCircle(b, k.x, k.y, k.r + 1) && !boxMeetsCircle(b, k.pointX, k.pointY, 4),
        ) &&
        placed.every((p) => !overlaps(b, p.box)),
    );
    if (box) placed.push({ number: m.number, box });
  }
  return placed;
}

/** The corner of the map for the world inset that holds no marker (bottom left first), or null. */
function insetBox(markers: readonly DrawnMarker[], width: number, height: number): Box | null {
  const corners: Box[] = [
    { x: 8, y: height - INSET.height - 8, ...INSET },
    { x: width - INSET.width - 8, y: height - INSET.height - 8, ...INSET },
    { x: 8, y: 8, ...INSET },
    { x: width - INSET.width - 8, y: 8, ...INSET },
  ];
  const grown = (b: Box): Box => ({ x: b.x - 60, y: b.y - 14, width: b.width + 120, height: b.height + 28 });
  return (
    corners.find((c) => markers.every((m) => !boxMeetsCircle(grown(c), m.x, m.y, m.r))) ??
    corners.find((c) => markers.every((m) => !boxMeetsCircle(c, m.x, m.y, m.r + 2))) ??
    null
  );
}

/** A small world map with the regional frame outlined, so a reader sees where on Earth the map is. */
function drawInset(
  box: Box,
  lons: number[],
  lats: number[],
  main: GeoProjection,
  width: number,
  height: number,
): string {
  const projection = geoNaturalEarth1().fitExtent(
    [
      [box.x + 2, box.y + 2],
      [box.x + box.width - 2, box.y + box.height - 2],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection).digits(1);
  const corner = `${box.x},${box.y}`;
  let land = insetLand.get(corner);
  if (land === undefined) {
    land = countries('110m')
      .map((c) => path(c.feature))
      .filter(Boolean)
      .join('');
    insetLand.set(corner, land);
  }
  // The main frame's corners, back in longitude and latitude, drawn as a box on the inset.
  const corners = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ].map(([x, y]) => main.invert?.([x as number, y as number]) ?? [0, 0]);
  const ring = corners.map((c) => projection(c as [number, number]) ?? ([0, 0] as [number, number]));
  const frame = `M${ring.map((p) => `${round(p[0])},${round(p[1])}`).join('L')}Z`;
  const [cx, cy] = projection([
    (Math.min(...lons) + Math.max(...lons)) / 2,
    (Math.min(...lats) + Math.max(...lats)) / 2,
  ]) ?? [0, 0];
  return [
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#ffffff" stroke="#718096" stroke-width="1"/>`,
    `<path d="${path({ type: 'Sphere' }) ?? ''}" fill="${MAP_COLORS.sea}"/>`,
    `<path d="${land}" fill="#d5cfc0"/>`,
    `<path d="${frame}" fill="none" stroke="${MAP_COLORS.city}" stroke-width="1.5"/>`,
    `<circle cx="${round(cx)}" cy="${round(cy)}" r="2" fill="${MAP_COLORS.city}"/>`,
  ].join('');
}

function markerColor(m: Pick<DrawnMarker, 'kind'>): string {
  return m.kind === 'city' ? MAP_COLORS.city : MAP_COLORS.region;
}

/** A numbered marker: a filled dot for a city, a white disc ringed in blue for a region or country. */
function drawMarker(m: DrawnMarker): string {
  const city = m.kind === 'city';
  const color = markerColor(m);
  const size = m.number > 99 ? 8 : m.number > 9 ? 10 : 12;
  return [
    `<circle cx="${round(m.x)}" cy="${round(m.y)}" r="${m.r}" fill="${city ? color : '#ffffff'}" stroke="${city ? '#ffffff' : color}" stroke-width="${city ? 1.5 : 3}"/>`,
    `<text x="${round(m.x)}" y="${round(m.y + size * 0.36)}" font-size="${size}" font-weight="bold" text-anchor="middle" fill="${city ? '#ffffff' : color}">${m.number}</text>`,
  ].join('');
}

/** The footnote: places not on the map (and why), how regions are marked, the outlines' source. */
function footnoteLines(
  unplaced: readonly MapPlace[],
  located: ReadonlyArray<MapPlace & { location: PlaceLocation }>,
): string[] {
  const lines: string[] = [];
  if (unplaced.length) {
    const why = (p: MapPlace) => (p.reason === 'ambiguous' ? ' (more than one place of that name)' : '');
    const list = unplaced.map((p) => `${p.number} ${p.name}${why(p)}`).join(', ');
    lines.push(fitText(`Not on the map: ${list}`, NOTE_SIZE, MAP_WIDTH - 20));
  }
  const areas = located.some((p) => p.location.kind !== 'city');
  lines.push(
    `${areas ? 'Rings: regions and countries, at their centre (countries named are shaded). Dots: cities. ' : ''}Outlines: Natural Earth.`,
  );
  return lines;
}
