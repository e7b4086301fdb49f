// The report fonts and the names templates use for them. Kept apart from render.ts so pure templates
// can name a font without loading pdfmake. All have open licences (SIL OFL):
//   宋 Serif: Noto Serif SC (npm @expo-google-fonts/noto-serif-sc) — title (bold, 小标宋-like) and body;
//   黑 Hei:   Noto Sans SC (npm @expo-google-fonts/noto-sans-sc) — 一、 headings;
//   楷 Kai:   LXGW WenKai (Debian fonts-lxgw-wenkai) — （一） headings. No npm package ships it as one
//             TTF (only split web fonts), so when the Debian file is missing the serif stands in and
//             the document still renders (`kaiAvailable` says which).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const SANS_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const SERIF_DIR = dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
const KAI_DIR = process.env.REPORT_KAI_DIR ?? '/usr/share/fonts/truetype/lxgw-wenkai';
const KAI_FILE = join(KAI_DIR, 'LXGWWenKai-Regular.ttf');

export const kaiAvailable = existsSync(KAI_FILE);

/** The folders pdfmake may read from (render.ts's local access policy). */
export const FONT_DIRS = [SANS_DIR, SERIF_DIR, ...(kaiAvailable ? [KAI_DIR] : [])];

/** Family names used in document definitions. */
export const SERIF = 'Serif';
export const HEI = 'Hei';
export const KAI = 'Kai';
/** The default family (kept for the benchmark's baseline document). */
export const FONT_FAMILY = SERIF;

const serif = {
  normal: join(SERIF_DIR, '400Regular', 'NotoSerifSC_400Regular.ttf'),
  bold: join(SERIF_DIR, '700Bold', 'NotoSerifSC_700Bold.ttf'),
};
const sans = {
  normal: join(SANS_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: join(SANS_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
};
const kai = kaiAvailable ? { normal: KAI_FILE, bold: KAI_FILE } : serif;

export const FONT_SETS: Record<string, { normal: string; bold: string }> = { [SERIF]: serif, [HEI]: sans, [KAI]: kai };

/** Every font file (read once per process by render.ts). */
export const FONT_PATHS = [...new Set(Object.values(FONT_SETS).flatMap((s) => [s.normal, s.bold]))];

/**
 * The serif's line height in em (ascent − descent over units per em: 1151 + 286 over 1000). The
 * 公文 grid (22 lines in 225 mm) needs the line pitch, and pdfmake's lineHeight multiplies this.
 */
export const SERIF_LINE_EM = 1.437;
