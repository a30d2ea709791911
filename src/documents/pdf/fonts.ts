import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Tinos: metric-compatible with Times New Roman, full Vietnamese coverage, SIL OFL, shipped through npm
 * as TrueType (pdfkit's built-in fonts cannot show Vietnamese). Loaded once.
 */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontFace, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

let cache: Record<FontFace, Buffer> | undefined;

export function fonts(): Record<FontFace, Buffer> {
  if (!cache) {
    const root = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
    cache = Object.fromEntries(Object.entries(FILES).map(([face, file]) => [face, readFileSync(join(root, file))])) as Record<FontFace, Buffer>;
  }
  return cache;
}

/** The names fonts are registered under in each document. */
export const FONT: Record<FontFace, string> = { regular: 'Tinos', bold: 'Tinos-Bold', italic: 'Tinos-Italic', boldItalic: 'Tinos-BoldItalic' };
