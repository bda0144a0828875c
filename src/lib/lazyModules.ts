import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Heavy language libraries, loaded on first use rather than at start-up: a prebuilt index answers
 * without them until a question needs one (compromise takes ~350 ms to load, country-state-city
 * ~200 ms, chrono-node ~110 ms). `preloadLanguageModules` warms them once the bot is ready.
 */
let compromise: typeof import('compromise').default | null = null;
let chrono: typeof import('chrono-node') | null = null;
let places: typeof import('country-state-city') | null = null;

/** compromise's `nlp`. */
export function nlp(): typeof import('compromise').default {
  compromise ??= require('compromise') as typeof import('compromise').default;
  return compromise;
}

/** chrono-node. */
export function chronoNode(): typeof import('chrono-node') {
  chrono ??= require('chrono-node') as typeof import('chrono-node');
  return chrono;
}

/** country-state-city (only needed while building an index). */
export function countryStateCity(): typeof import('country-state-city') {
  places ??= require('country-state-city') as typeof import('country-state-city');
  return places;
}

/** Loads the libraries that answering questions needs, e.g. right after start-up, off the critical path. */
export function preloadLanguageModules(): void {
  // A first run compiles the libraries' patterns: do it now rather than in someone's first question.
  nlp()('Who spoke at the conference on Monday?').json();
  chronoNode().parse('held Monday, Oct. 15', new Date());
}
