import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Fontkit from 'fontkit';
import { fontkit } from '../libraries';

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

type ParsedFont = Fontkit.Font;
let cache: Record<FontFace, ParsedFont> | undefined;

/**
 * The four faces, parsed once per process: parsing the TrueType tables took most of the time of a
 * document (measured by npm run bench:pdf). pdfkit accepts parsed fontkit fonts and subsets them per document.
 */
export function fonts(): Record<FontFace, ParsedFont> {
  if (!cache) {
    const root = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
    cache = Object.fromEntries(
      Object.entries(FILES).map(([face, file]) => {
        const font = fontkit().create(readFileSync(join(root, file))) as Fontkit.Font;
        // fontkit caches each glyph with the characters of its first use, and pdfkit writes the text layer
        // (ToUnicode) from them. Shared across documents, a glyph first reached through a substitution
        // (e.g. decomposing "Ỳ") had no characters and a later document lost its "Y" in pdftotext.
        // Seeding every glyph from the font's own character map first makes the cache deterministic.
        for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
        return [face, font];
      }),
    ) as Record<FontFace, ParsedFont>;
  }
  return cache;
}

/** The names fonts are registered under in each document. */
export const FONT: Record<FontFace, string> = { regular: 'Tinos', bold: 'Tinos-Bold', italic: 'Tinos-Italic', boldItalic: 'Tinos-BoldItalic' };
