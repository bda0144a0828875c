import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The one font every picture uses, from the `dejavu-fonts-ttf` package: never the machine's fonts. */
export const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];

/** A picture as a PNG: its bytes and size in pixels. */
export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Draws an SVG into a PNG with resvg (its binary ships in a registry package), with the packaged
 * DejaVu Sans and no system fonts, so the same SVG gives the same bytes on every machine.
 */
export function svgToPng(svg: string): Png {
  const image = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
    logLevel: 'off',
  }).render();
  return { data: image.asPng(), width: image.width, height: image.height };
}

/** The RGBA pixels of an SVG drawn as svgToPng draws it (for tests that look at what is drawn). */
export function svgPixels(svg: string): { pixels: Buffer; width: number; height: number } {
  const image = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
    logLevel: 'off',
  }).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

/** The width the renderer gives a text (its bounding box), for checking the layout's estimates. */
export function measuredTextWidth(text: string, size: number, bold = false): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="100"><text x="10" y="50" font-family="${FONT_FAMILY}" font-size="${size}"${bold ? ' font-weight="bold"' : ''}>${text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))}</text></svg>`;
  const box = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY },
  }).getBBox();
  return box?.width ?? 0;
}
