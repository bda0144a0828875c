/**
 * The colours every picture shares (the map, the timeline and the insights chart), so that a city, an
 * event and a label look the same in each: one place to change them.
 */
export const PALETTE = {
  /** Labels and titles. */
  ink: '#1a202c',
  /** Axes, footnotes and other secondary text. */
  muted: '#4a5568',
  /** Regions, reference days, answered questions. */
  blue: '#2b6cb0',
  /** Cities and dated events. */
  red: '#c53030',
} as const;
