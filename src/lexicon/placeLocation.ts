import { countryStateCity } from '../lib/lazyModules.ts';
import type { PlaceKind } from './gazetteer.ts';

/** Where a place is: a point (a city, or the centre the gazetteer gives a region or country) and what it is. */
export interface PlaceLocation {
  kind: PlaceKind;
  /** Degrees north (negative south). */
  lat: number;
  /** Degrees east (negative west). */
  lon: number;
  /** The country's name as the gazetteer writes it ("China"), for shading a country and for context. */
  country: string;
  /** The country's ISO 3166-1 alpha-2 code. */
  countryCode: string;
}

/** Why a place has no point on a map. */
export type UnplacedReason = 'unknown' | 'ambiguous';

/** A place name located, or the reason it could not be. */
export type Located = { ok: true; location: PlaceLocation } | { ok: false; reason: UnplacedReason };

interface Candidate extends PlaceLocation {
  /** The region (state, province) a city lies in, for context ("Chelsea" with "Massachusetts"). */
  regionName: string | null;
}

/** Words a text adds to a region's or city's name that the gazetteer leaves out ("Jilin Province"). */
const SUFFIXES =
  /\s+(?:Province|Autonomous Region|Special Administrative Region|Region|Prefecture|State|Oblast|Governorate|County|City|Municipality)$/i;
/** A suffix that makes a name a region's. */
const REGION_WORD = /\s(?:Province|Autonomous Region|Region|Prefecture|State|Oblast|Governorate)$/i;
/** Words at the front ("the Philippines", "City of London"). */
const PREFIXES = /^(?:the\s+|city of\s+)/i;
/** Same as in the gazetteer: words in region names that people leave out ("Guangxi Zhuang"). */
const REGION_NOISE = /\s+(?:SAR|Zhuang|Huizu|Uyghur|Hui)$/;

/** Short and customary names the news uses for countries, by ISO code. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  'u.s.': 'US',
  'u.s.a.': 'US',
  usa: 'US',
  us: 'US',
  america: 'US',
  'united states of america': 'US',
  'u.k.': 'GB',
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  russia: 'RU',
  'russian federation': 'RU',
  holland: 'NL',
  burma: 'MM',
  vatican: 'VA',
  'ivory coast': 'CI',
  'south korea': 'KR',
  'north korea': 'KP',
  iran: 'IR',
  syria: 'SY',
  vietnam: 'VN',
  laos: 'LA',
  'czech republic': 'CZ',
  czechia: 'CZ',
  bolivia: 'BO',
  venezuela: 'VE',
  tanzania: 'TZ',
  moldova: 'MD',
  turkey: 'TR',
  turkiye: 'TR',
  palestine: 'PS',
  taiwan: 'TW',
  macau: 'MO',
};

/** The world's regions and continents as points: a gazetteer of countries has no such areas. */
const WORLD_REGIONS: ReadonlyArray<[string, number, number]> = [
  ['europe', 50, 15],
  ['africa', 2, 20],
  ['asia', 35, 90],
  ['oceania', -22, 140],
  ['antarctica', -80, 0],
  ['north america', 45, -100],
  ['south america', -15, -60],
  ['latin america', -5, -65],
  ['central america', 14, -87],
  ['middle east', 29, 45],
  ['balkans', 43, 21],
  ['caribbean', 17, -72],
  ['scandinavia', 63, 15],
  ['west bank', 31.9, 35.25],
  ['gaza', 31.42, 34.38],
  ['gaza strip', 31.42, 34.38],
];

/**
 * Cities the news names in English whose gazetteer entry is under another name ("Roma", "Praha") or
 * shares its name with towns elsewhere ("Rome", Georgia): the city a reader means unless told
 * otherwise, with its coordinates. Data, not rules: a missing city is a new line.
 */
const WELL_KNOWN_CITIES: ReadonlyArray<[string, number, number, string]> = [
  ['Rome', 41.9, 12.5, 'IT'],
  ['Milan', 45.46, 9.19, 'IT'],
  ['Naples', 40.85, 14.27, 'IT'],
  ['Florence', 43.77, 11.26, 'IT'],
  ['Venice', 45.44, 12.33, 'IT'],
  ['Turin', 45.07, 7.69, 'IT'],
  ['Athens', 37.98, 23.73, 'GR'],
  ['Warsaw', 52.23, 21.01, 'PL'],
  ['Prague', 50.08, 14.44, 'CZ'],
  ['Vienna', 48.21, 16.37, 'AT'],
  ['Brussels', 50.85, 4.35, 'BE'],
  ['Cologne', 50.94, 6.96, 'DE'],
  ['Munich', 48.14, 11.58, 'DE'],
  ['Berlin', 52.52, 13.4, 'DE'],
  ['Paris', 48.86, 2.35, 'FR'],
  ['London', 51.51, -0.13, 'GB'],
  ['Dublin', 53.35, -6.26, 'IE'],
  ['Madrid', 40.42, -3.7, 'ES'],
  ['Seville', 37.39, -5.98, 'ES'],
  ['Barcelona', 41.39, 2.17, 'ES'],
  ['Lisbon', 38.72, -9.14, 'PT'],
  ['Geneva', 46.2, 6.14, 'CH'],
  ['Zurich', 47.37, 8.54, 'CH'],
  ['Moscow', 55.76, 37.62, 'RU'],
  ['Kyiv', 50.45, 30.52, 'UA'],
  ['Kiev', 50.45, 30.52, 'UA'],
  ['Bucharest', 44.43, 26.1, 'RO'],
  ['Belgrade', 44.79, 20.45, 'RS'],
  ['Istanbul', 41.01, 28.98, 'TR'],
  ['Cairo', 30.04, 31.24, 'EG'],
  ['Tripoli', 32.89, 13.19, 'LY'],
  ['Jerusalem', 31.77, 35.21, 'IL'],
  ['Mecca', 21.39, 39.86, 'SA'],
  ['Damascus', 33.51, 36.29, 'SY'],
  ['Baghdad', 33.31, 44.37, 'IQ'],
  ['Tehran', 35.69, 51.39, 'IR'],
  ['Kabul', 34.56, 69.21, 'AF'],
  ['Beijing', 39.9, 116.41, 'CN'],
  ['Peking', 39.9, 116.41, 'CN'],
  ['Shanghai', 31.23, 121.47, 'CN'],
  ['Hong Kong', 22.32, 114.17, 'HK'],
  ['Tokyo', 35.68, 139.69, 'JP'],
  ['Seoul', 37.57, 126.98, 'KR'],
  ['Pyongyang', 39.04, 125.76, 'KP'],
  ['Mumbai', 19.08, 72.88, 'IN'],
  ['Bombay', 19.08, 72.88, 'IN'],
  ['Calcutta', 22.57, 88.36, 'IN'],
  ['New Delhi', 28.61, 77.21, 'IN'],
  ['Delhi', 28.7, 77.1, 'IN'],
  ['Saigon', 10.82, 106.63, 'VN'],
  ['Bangkok', 13.76, 100.5, 'TH'],
  ['Singapore', 1.35, 103.82, 'SG'],
  ['Sydney', -33.87, 151.21, 'AU'],
  ['Melbourne', -37.81, 144.96, 'AU'],
  ['Lima', -12.05, -77.04, 'PE'],
  ['Havana', 23.11, -82.37, 'CU'],
  ['Mexico City', 19.43, -99.13, 'MX'],
  ['New York', 40.71, -74.01, 'US'],
  ['New York City', 40.71, -74.01, 'US'],
  ['Washington', 38.91, -77.04, 'US'],
  ['Washington, D.C.', 38.91, -77.04, 'US'],
  ['Los Angeles', 34.05, -118.24, 'US'],
  ['Chicago', 41.88, -87.63, 'US'],
  ['Boston', 42.36, -71.06, 'US'],
  ['Toronto', 43.65, -79.38, 'CA'],
  ['Rio de Janeiro', -22.91, -43.17, 'BR'],
  ['Sao Paulo', -23.55, -46.63, 'BR'],
  ['São Paulo', -23.55, -46.63, 'BR'],
  ['Buenos Aires', -34.6, -58.38, 'AR'],
  ['Nairobi', -1.29, 36.82, 'KE'],
  ['Lagos', 6.52, 3.38, 'NG'],
  ['Johannesburg', -26.2, 28.05, 'ZA'],
  ['Cape Town', -33.92, 18.42, 'ZA'],
];

/** Countries and regions by lower-cased name, and the cities' lower-cased names (in the package's order). */
interface PlaceTables {
  areas: Map<string, Candidate[]>;
  /** WELL_KNOWN_CITIES by lower-cased name: looked up before anything else. */
  wellKnown: Map<string, Candidate[]>;
  cityKeys: string[];
  countryNames: Map<string, string>;
  regionNames: Map<string, string>;
}

let tables: PlaceTables | null = null;

const key = (name: string) => name.trim().toLowerCase();

function push(map: Map<string, Candidate[]>, name: string, candidate: Candidate): void {
  const list = map.get(key(name));
  if (list) list.push(candidate);
  else map.set(key(name), [candidate]);
}

/**
 * The countries and regions of `country-state-city` by name, and its cities' names for a scan: the
 * 148,000 cities are not indexed (a map of them all would cost seconds and tens of megabytes for the
 * few names one answer asks about).
 */
function placeTables(): PlaceTables {
  if (tables) return tables;
  const { City, Country, State } = countryStateCity();
  const areas = new Map<string, Candidate[]>();
  const countryNames = new Map<string, string>();
  for (const c of Country.getAllCountries()) {
    countryNames.set(c.isoCode, c.name);
    const lat = Number(c.latitude);
    const lon = Number(c.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    push(areas, c.name, {
      kind: 'country',
      lat,
      lon,
      country: c.name,
      countryCode: c.isoCode,
      regionName: null,
    });
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
    const country = areas.get(key(countryNames.get(code) ?? ''))?.find((c) => c.kind === 'country');
    if (country) push(areas, alias, country);
  }
  const regionNames = new Map<string, string>();
  for (const s of State.getAllStates()) {
    regionNames.set(`${s.countryCode}:${s.isoCode}`, s.name);
    const lat = Number(s.latitude);
    const lon = Number(s.longitude);
    if (!s.latitude || !s.longitude || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const candidate: Candidate = {
      kind: 'region',
      lat,
      lon,
      country: countryNames.get(s.countryCode) ?? s.countryCode,
      countryCode: s.countryCode,
      regionName: s.name,
    };
    push(areas, s.name, candidate);
    const short = s.name.replace(REGION_NOISE, '').replace(SUFFIXES, '');
    if (short !== s.name) push(areas, short, candidate);
  }
  for (const [name, lat, lon] of WORLD_REGIONS)
    push(areas, name, { kind: 'region', lat, lon, country: '', countryCode: '', regionName: null });
  const cityKeys = City.getAllCities().map((c) => key(c.name));
  const wellKnown = new Map<string, Candidate[]>();
  for (const [name, lat, lon, code] of WELL_KNOWN_CITIES)
    push(wellKnown, name, {
      kind: 'city',
      lat,
      lon,
      country: countryNames.get(code) ?? code,
      countryCode: code,
      regionName: null,
    });
  tables = { areas, cityKeys, countryNames, regionNames, wellKnown };
  return tables;
}

/** The cities named by any of `keys` (lower-cased), by name: one scan of the package's cities. */
function citiesNamed(keys: ReadonlySet<string>): Map<string, Candidate[]> {
  const { cityKeys, countryNames, regionNames } = placeTables();
  const found = new Map<string, Candidate[]>();
  let cities: ReturnType<ReturnType<typeof countryStateCity>['City']['getAllCities']> | null = null;
  for (let i = 0; i < cityKeys.length; i++) {
    if (!keys.has(cityKeys[i] as string)) continue;
    cities ??= countryStateCity().City.getAllCities();
    const c = cities[i];
    if (!c?.latitude || !c.longitude) continue;
    const lat = Number(c.latitude);
    const lon = Number(c.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    push(found, c.name, {
      kind: 'city',
      lat,
      lon,
      country: countryNames.get(c.countryCode) ?? c.countryCode,
      countryCode: c.countryCode,
      regionName: regionNames.get(`${c.countryCode}:${c.stateCode}`) ?? null,
    });
  }
  return found;
}

/** The forms of a name to look up, best first: as written, without "the", without "Province". */
function formsOf(name: string): string[] {
  const plain = name.replace(PREFIXES, '').trim();
  return [...new Set([name.trim(), plain, plain.replace(SUFFIXES, '')])];
}

/**
 * The gazetteer's entries for a name as the news writes it ("Jilin Province", "the Philippines",
 * "U.S."). A country or region of the name hides cities of the same name ("China" is no town in
 * Maine), and a name with a region's word is a region ("Jilin Province" is not Jilin city).
 */
function candidatesOf(name: string, cities: Map<string, Candidate[]>): Candidate[] {
  const { areas, wellKnown } = placeTables();
  const known = wellKnown.get(key(name.replace(PREFIXES, '')));
  if (known) return known;
  const forms = formsOf(name);
  for (const form of forms) {
    const area = areas.get(key(form)) ?? [];
    if (area.length) {
      const regions = area.filter((c) => c.kind === 'region');
      return form !== forms[0] && REGION_WORD.test(name) && regions.length ? regions : area;
    }
    const city = cities.get(key(form)) ?? [];
    if (city.length) return city;
  }
  return [];
}

/** How the kinds rank when nothing else tells two places of one name apart: a country before a region before a city. */
const KIND_RANK: Readonly<Record<PlaceKind, number>> = { country: 3, region: 2, city: 1 };

/**
 * Locates place names as a map needs them, each with the others as context: of several places of one
 * name, the one whose country or region is also named wins ("Chelsea" beside "Massachusetts" is the
 * city near Boston); without such a hint a country beats a region beats a city, and cities of one name
 * in different countries are `ambiguous` (left off a map rather than put in the wrong place).
 * `context` adds names that are not located themselves (say, the other places of the article).
 */
export function locatePlaces(
  names: readonly string[],
  context: readonly string[] = [],
): Map<string, Located> {
  const all = [...names, ...context];
  const cities = citiesNamed(new Set(all.flatMap((n) => formsOf(n).map(key))));
  const candidates = new Map(all.map((n) => [n, candidatesOf(n, cities)] as const));
  // The countries and regions the names could mean, for telling places of one name apart.
  const countryHints = new Set<string>();
  const regionHints = new Set<string>();
  for (const list of candidates.values()) {
    for (const c of list) {
      if (c.kind === 'country') countryHints.add(c.countryCode);
      if (c.kind === 'region' && c.regionName) regionHints.add(`${c.countryCode}:${key(c.regionName)}`);
    }
  }
  const located = new Map<string, Located>();
  for (const name of names) {
    const list = candidates.get(name) ?? [];
    if (!list.length) {
      located.set(name, { ok: false, reason: 'unknown' });
      continue;
    }
    const score = (c: Candidate) =>
      (c.kind !== 'country' && countryHints.has(c.countryCode) ? 4 : 0) +
      (c.kind === 'city' &&
      c.regionName &&
      key(c.regionName) !== key(name) &&
      regionHints.has(`${c.countryCode}:${key(c.regionName)}`)
        ? 4
        : 0) +
      KIND_RANK[c.kind];
    const best = Math.max(...list.map(score));
    const top = list.filter((c) => score(c) === best);
    const countriesOfTop = new Set(top.map((c) => c.countryCode));
    const first = top[0] as Candidate;
    if (countriesOfTop.size > 1) located.set(name, { ok: false, reason: 'ambiguous' });
    else {
      const { regionName: _region, ...location } = first;
      located.set(name, { ok: true, location });
    }
  }
  return located;
}
