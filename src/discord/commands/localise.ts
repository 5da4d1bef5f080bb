/**
 * Command definitions in both languages: the English name and description are what Discord
 * registers (and what every interaction carries back: options come by their English names);
 * the Korean ones are their `ko` localizations, which Korean Discord clients show and accept.
 * Both come from the platform catalogue (`discord.commands`).
 */
import { platformMessages } from '../../adapters/i18n/index.js';
import type { CommandText, PlatformCatalogue } from '../../adapters/i18n/types.js';

type Commands = PlatformCatalogue['discord']['commands'];

const EN = platformMessages('en').discord.commands;
const KO = platformMessages('ko').discord.commands;

interface Nameable {
  setName(name: string): unknown;
  setDescription(description: string): unknown;
  setNameLocalizations(localizations: Record<string, string>): unknown;
  setDescriptionLocalizations(localizations: Record<string, string>): unknown;
}

/** Names and describes a command, subcommand or option in English with its Korean localizations. */
export function named<T extends Nameable>(builder: T, pick: (c: Commands) => CommandText): T {
  const en = pick(EN);
  const ko = pick(KO);
  builder.setName(en.name);
  builder.setDescription(en.description);
  builder.setNameLocalizations({ ko: ko.name });
  builder.setDescriptionLocalizations({ ko: ko.description });
  return builder;
}

/** A choice named in English with its Korean localization. */
export function choice<V extends string | number>(name: (c: Commands) => string, value: V): { name: string; name_localizations: { ko: string }; value: V } {
  return { name: name(EN), name_localizations: { ko: name(KO) }, value };
}

/** The English name a definition is registered (and routed) under. */
export const registeredName = (pick: (c: Commands) => CommandText): string => pick(EN).name;
