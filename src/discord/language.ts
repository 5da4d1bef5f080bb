/**
 * The answer language in Discord (the rules are `src/adapters/answerLanguage.ts`): the user's
 * `/sma language` choice, else the channel's, else the question's own language (or the answer a
 * button was under), else the user's Discord client language (`interaction.locale`: `ko` →
 * Korean), else English.
 */
import { answerLanguage, textLanguage, winner, type Asker, type Chosen, type LanguageInputs } from '../adapters/answerLanguage.js';
import type { Language, Suggestion } from '../core/answer.js';
import { messages } from '../core/i18n/index.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { DiscordContext } from './context.js';

/** What every interaction tells of who asks, where, and in which client language. */
export interface DiscordAsking {
  guildId: string | null;
  channelId: string | null;
  user: { id: string };
  locale?: string | null;
}

export const discordAsker = (i: DiscordAsking): Asker => ({ platform: 'discord', workspaceId: i.guildId ?? '', userId: i.user.id, channelId: i.channelId ?? '' });

export interface DiscordLanguage {
  /** What to hand the core (undefined: it follows the question's words). */
  answer: Language | undefined;
  /** The language of the adapter's own texts (notices, help field). */
  text: Language;
  chosen: Chosen;
}

/** The choices (never throwing, never waiting long), then the rules. */
export async function discordLanguage(ctx: DiscordContext, i: DiscordAsking, inputs: Omit<LanguageInputs, 'chosen' | 'locale'> = {}): Promise<DiscordLanguage> {
  const chosen = ctx.deps.languages ? await ctx.deps.languages.chosen(discordAsker(i)) : {};
  const all: LanguageInputs = { ...inputs, ...(winner(chosen) ? { chosen: winner(chosen) } : {}), ...(i.locale ? { locale: i.locale } : {}) };
  return { answer: answerLanguage(all), text: textLanguage(all), chosen };
}

/**
 * Autocomplete choices in Korean: the core ranks facts and intents (it reads a Korean partial with
 * its Korean index) but names them by their English questions; a Korean user is offered each
 * one's Korean question instead, which asks it in Korean when picked.
 */
export function localiseSuggestions(kb: Knowledge | undefined, suggestions: Suggestion[], lang: Language): Suggestion[] {
  if (lang === 'en' || !kb) return suggestions;
  const facts = new Map(kb.facts.map((f) => [f.id, f]));
  const questions = messages(lang).questions;
  return suggestions.map((s) => {
    const fact = s.factId ? facts.get(s.factId) : undefined;
    if (fact?.ko) return { ...s, question: fact.ko.question };
    const intent = s.request?.intent;
    return intent && questions?.[intent] ? { ...s, question: questions[intent] } : s;
  });
}
