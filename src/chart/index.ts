/**
 * Charts from the loaded record, platform-neutral: `drawChart` returns the PNG and what every
 * platform needs to post it (a file name, a title, alt text that states the numbers). The Slack
 * and Discord commands and `sma chart` only parse the request and post the file.
 */
import type { Knowledge } from '../knowledge/schema.js';
import { contributionsAltText, contributionsModel, contributionsSpec, NoDataError } from './contributions.js';
import { chartLabels, type ChartLanguage } from './labels.js';
import { agreementsWithRounds, roundsAltText, roundsModel, roundsSpec } from './rounds.js';

export { NoDataError } from './contributions.js';

export type ChartRequest = { kind: 'contributions' } | { kind: 'rounds'; agreement?: number };

export interface ChartFile {
  png: Buffer;
  filename: string;
  title: string;
  /** For screen readers: every figure or date the chart shows, at most ALT_TEXT_MAX characters. */
  altText: string;
  /** In PNG pixels. */
  width: number;
  height: number;
  /** Why it was drawn with a whole font (slower, the same picture): for the log. */
  fontProblem?: string;
}

/** Slack's limit for an image's description (files.getUploadURLExternal); Discord allows 1,024. */
export const ALT_TEXT_MAX = 1000;

/**
 * The renderer (Vega, Vega-Lite, resvg: about a second of a bot's start-up on 2 cores) is loaded
 * by the first chart, not when a platform adapter starts: the commands reply or defer before
 * drawing, so that first chart has Slack's and Discord's 3 s to spare.
 */
const renderer = () => import('./render.js');

export async function drawChart(kb: Knowledge, request: ChartRequest, language: ChartLanguage = 'en'): Promise<ChartFile> {
  const labels = chartLabels(language, kb);
  const { renderSpec } = await renderer();
  if (request.kind === 'contributions') {
    const model = contributionsModel(kb, labels);
    const image = await renderSpec(contributionsSpec(model, labels), labels.font);
    const title = labels.contributionsTitle(model.from, model.to);
    return { ...image, filename: 'sma-contributions.png', title, altText: fitSentences(contributionsAltText(model, labels), ALT_TEXT_MAX) };
  }
  const agreement = request.agreement ?? agreementsWithRounds(kb).at(-1);
  if (agreement === undefined) throw new NoDataError(labels.noRounds(undefined, []));
  const model = roundsModel(kb, agreement, labels);
  const image = await renderSpec(roundsSpec(model, labels), labels.font);
  return { ...image, filename: `sma-rounds-${agreement}.png`, title: model.title, altText: fitSentences(roundsAltText(model, labels), ALT_TEXT_MAX) };
}

/**
 * Sentences in order of importance, as many whole ones as fit: the figures come first, so a cap
 * drops the source line before it drops a number. A first sentence longer than the cap is cut.
 */
export function fitSentences(sentences: string[], max: number): string {
  let text = '';
  for (const s of sentences) {
    const next = text ? `${text} ${s}` : s;
    if (next.length > max) break;
    text = next;
  }
  return text || `${sentences[0]!.slice(0, max - 1)}…`;
}

const CONTRIBUTIONS = new Set(['contributions', '분담금', '연도별']);
const ROUNDS = new Set(['rounds', '회의', '회차']);

/**
 * The words after `chart` (or `차트`): "", "contributions", "rounds", "rounds 12", "rounds 12th";
 * in Korean "분담금", "회의", "회의 12", "회의 12차", "회의 제12차". A problem is said in `language`.
 */
export function parseChartRequest(text: string, language: ChartLanguage = 'en'): ChartRequest | { error: string } {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [kind, arg, ...rest] = words;
  if (!kind || (CONTRIBUTIONS.has(kind) && !arg)) return { kind: 'contributions' };
  if (ROUNDS.has(kind) && !rest.length) {
    if (!arg) return { kind: 'rounds' };
    const n = /^제?(\d{1,2})(st|nd|rd|th|차)?$/.exec(arg);
    if (n && Number(n[1]) >= 1) return { kind: 'rounds', agreement: Number(n[1]) };
    return { error: chartLabels(language).notAnAgreement(arg) };
  }
  return { error: chartLabels(language).notAChart(words.join(' ')) };
}
