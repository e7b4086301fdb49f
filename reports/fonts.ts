// Where the report font lives and the name templates use for it. Kept apart from render.ts so pure
// templates can name the font without loading pdfmake.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The font folder: the only place pdfmake may read from (see render.ts). */
export const FONT_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const FONT_FAMILY = 'NotoSansSC';
export const FONT_FILES = {
  normal: join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
};
