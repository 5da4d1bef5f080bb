/**
 * The platform catalogue (en.ts, ko.ts): the adapters' and the announcements' own texts in the
 * answer's language. See en.ts for why it sits beside the core's catalogue, not in it.
 */
import type { Language } from '../../core/answer.js';
import { en } from './en.js';
import { ko } from './ko.js';
import type { PlatformCatalogue } from './types.js';

export type { PauseInfo, PlatformCatalogue } from './types.js';

const CATALOGUES: Record<Language, PlatformCatalogue> = { en, ko };

export function platformMessages(lang: Language = 'en'): PlatformCatalogue {
  return CATALOGUES[lang];
}
