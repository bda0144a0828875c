import { countryStateCity } from '../lib/lazyModules.ts';
import { isDictionaryWord } from './wordClasses.ts';

/** What a gazetteer name is: a country, a first-level region (state, province) or a city. */
export type PlaceKind = 'country' | 'region' | 'city';

let names: Map<string, PlaceKind> | null = null;

/** Words in region names that are not part of what people call them ("Guangxi Zhuang" -> "Guangxi"). */
const REGION_NOISE = /\s+(?:SAR|Zhuang|Huizu|Uyghur|Hui)$/;

/**
 * Places the package does not list under the names the news uses: short and customary names of
 * countries, the continents and the world's regions.
 */
const COMMON_NAMES: ReadonlyArray<[string, PlaceKind]> = [
  ...['U.S.', 'U.S.A.', 'USA', 'U.K.', 'UK', 'Britain', 'Great Britain'].map(
    (n) => [n, 'country'] as [string, PlaceKind],
  ),
  ...['England', 'Scotland', 'Wales', 'Northern Ireland'].map((n) => [n, 'country'] as [string, PlaceKind]),
  ...[
    'Bosnia',
    'Herzegovina',
    'Russian Federation',
    'Holland',
    'Burma',
    'Vatican',
    'Ivory Coast',
    'Congo',
  ].map((n) => [n, 'country'] as [string, PlaceKind]),
  ...[
    'Europe',
    'Africa',
    'Asia',
    'Oceania',
    'Antarctica',
    'North America',
    'South America',
    'Latin America',
    'Central America',
    'Middle East',
    'Near East',
    'Far East',
    'Balkans',
    'Caribbean',
    'Scandinavia',
    'West Bank',
    'Gaza',
    'Gaza Strip',
  ].map((n) => [n, 'region'] as [string, PlaceKind]),
];

/**
 * The place names of the `country-state-city` package (every country, first-level region and city),
 * lower-cased. Built once, on first use.
 */
function gazetteer(): Map<string, PlaceKind> {
  if (names) return names;
  const { City, Country, State } = countryStateCity();
  const map = new Map<string, PlaceKind>();
  for (const city of City.getAllCities()) {
    const key = city.name.toLowerCase();
    if (!map.has(key) && /^\p{Lu}/u.test(city.name) && city.name.length > 3) map.set(key, 'city');
  }
  for (const state of State.getAllStates()) {
    map.set(state.name.toLowerCase(), 'region');
    map.set(state.name.replace(REGION_NOISE, '').toLowerCase(), 'region');
  }
  for (const country of Country.getAllCountries()) map.set(country.name.toLowerCase(), 'country');
  for (const [name, kind] of COMMON_NAMES) map.set(name.toLowerCase(), kind);
  names = map;
  return map;
}

/**
 * The kind of place a name is, or null if the gazetteer does not know it. Cities and regions whose
 * names are also ordinary English words ("Central", "South", "Reading") are not taken: a capitalized
 * word like that is far more often not a place. Countries always are ("Chad", "Jordan").
 */
export function placeKind(name: string): PlaceKind | null {
  const kind = gazetteer().get(name.toLowerCase()) ?? null;
  if (kind && kind !== 'country' && !name.includes(' ') && isDictionaryWord(name)) return null;
  return kind;
}

/**
 * News agencies and broadcasters newswire names by one word or an acronym ("told Reuters", "AFP
 * reported"): organizations, which no rule on capitalized words could tell from a surname or a place.
 */
const NEWS_AGENCIES = new Set(
  [
    'Reuters',
    'AP',
    'Associated Press',
    'AFP',
    'Agence France-Presse',
    'Agence France Presse',
    'Xinhua',
    'Bloomberg',
    'Kyodo',
    'Interfax',
    'Itar-Tass',
    'TASS',
    'Yonhap',
    'ANSA',
    'DPA',
    'EFE',
    'PTI',
    'UPI',
    'United Press International',
    'Bernama',
    'Antara',
    'Anadolu',
    'BBC',
    'CNN',
  ].map((name) => name.toLowerCase()),
);

/** Whether a name is a news agency or broadcaster (see NEWS_AGENCIES). */
export function isNewsAgency(name: string): boolean {
  return NEWS_AGENCIES.has(name.toLowerCase());
}
