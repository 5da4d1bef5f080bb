/** The shape both platform catalogues (en.ts, ko.ts) fill in. */
import type { Language } from '../../core/answer.js';
import type { LanguageScope } from '../../announce/store.js';
import type { VoteResult, VoteValue } from '../../curation/types.js';

/** Where the store is and why it cannot be used (a StorePause without its time). */
export interface PauseInfo {
  location: string;
  reason: string;
}

export type SlackSubcommandName = 'next-round' | 'rounds' | 'summary' | 'language' | 'subscribe' | 'unsubscribe' | 'subscriptions' | 'chart' | 'report' | 'help';

export type MilestoneKey = 'agreed' | 'initialed' | 'signed' | 'ratified' | 'inForce';
export type RoundStatus = 'scheduled' | 'held' | 'postponed' | 'cancelled';
export type PrefixedKind = 'round-rescheduled' | 'round-held' | 'round-postponed' | 'round-cancelled' | 'round-reminder';

/** A command, subcommand or option as Discord shows it: its name (lower case, no spaces) and description (≤ 100). */
export interface CommandText {
  name: string;
  description: string;
}

export type DiscordSubcommandName = 'ask' | 'next-round' | 'rounds' | 'summary' | 'help' | 'chart' | 'language';
export type DiscordAdminSubcommandName = 'subscribe' | 'unsubscribe' | 'subscriptions' | 'report';
export type DiscordOptionName = 'question' | 'private' | 'agreement' | 'kind' | 'chartAgreement' | 'chartPrivate' | 'language' | 'scope' | 'announceLanguage';
export type DiscordChoiceName = 'contributions' | 'rounds' | 'ko' | 'en' | 'auto' | 'me' | 'channel';

export interface PlatformCatalogue {
  lang: Language;
  /** "English", "Korean" / "영어", "한국어". */
  languageName(l: Language): string;

  common: {
    /** The responder failed: try again. */
    sorry: string;
    /** Discord's one error path. */
    apology: string;
    /** Announcements and subscriptions paused: the store cannot be used. */
    paused(p: PauseInfo): string;
    /** The curators' report cannot be read now (the store is down). */
    reportUnavailable(p: PauseInfo): string;
    /** The bot runs without the report (no store). */
    reportOff: string;
    chartsOff: string;
    operatorChannel: string;
    thisChannel: string;
    andMore(n: number): string;
  };

  /** 👍/👎 on answers (src/curation/feedback.ts), on every platform and the console. */
  feedback: {
    /** Button labels (after the emoji): what a screen reader says too. */
    up: string;
    down: string;
    /** What only the voter sees after a vote. `withReason`: a 👎 came with a reason. */
    thanks(value: VoteValue, result: VoteResult, withReason: boolean): string;
    /** The store could not take the vote: nothing was recorded, try again. */
    failed: string;
    /** Before the reason typed, shown back when its vote could not be recorded (Discord's modal is gone by then). */
    yourReason: string;
    /** The button's payload could not be read (not from this bot, or damaged). */
    unreadable: string;
    /** Votes need the bot's store, which this bot does not have. */
    notEnabled: string;
    /** The 👎 modal: title (Slack: at most 24 characters), the one-line reason's label and hint, its buttons. */
    modalTitle: string;
    reasonLabel: string;
    reasonPlaceholder: string;
    submit: string;
    cancel: string;
    close: string;
    /** The console: how to vote, and a vote before any answer. */
    consoleHelp: string;
    nothingToVoteOn: string;
  };

  /** `/sma language` on either platform. */
  language: {
    saved(scope: LanguageScope, l: Language): string;
    cleared(scope: LanguageScope): string;
    unchanged(scope: LanguageScope, l: Language | undefined): string;
    /** The store is paused: the choice was not saved. */
    notSaved(p: PauseInfo): string;
    notEnabled: string;
    current(user: Language | undefined, channel: Language | undefined): string;
    unavailable(p: PauseInfo): string;
    channelNeedsManage: string;
  };

  slack: {
    unknownButton: string;
    share: string;
    sharedBy(user: string): string;
    sourcesLabel(count: number): string;
    asOf(date: string): string;
    andMore(n: number): string;
    noAnswer: string;
    helpIntro: string;
    helpCommands: string;
    helpElsewhere: string;
    helpFallback(usages: string[]): string;
    helpQuestion: { usage: string; description: string };
    subcommands: Record<SlackSubcommandName, string>;
    languageUsage: string;
    /** Posted in the channel when someone sets its answer language. */
    languageAnnounced(user: string, l: Language): string;
    languageCleared(user: string): string;
    /** Who did it, when the user id cannot be shown as a mention. */
    someone: string;
    chart: { help: string; invite: string };
    /** `/sma report`: for the operator's admins (SLACK_ADMIN_USERS) only. */
    report: { refused: string };
    subscriptions: {
      notEnabled: string;
      channelsOnly: string;
      fixed: string;
      already(l: Language): string;
      inviteFirst: string;
      subscribed: string;
      announced(user: string, l: Language): string;
      languageChanged(user: string, l: Language): string;
      notSubscribed: string;
      unsubscribed(user: string): string;
      none: string;
      listTitle: string;
      badLanguage(word: string): string;
    };
  };

  discord: {
    /**
     * The command definitions: English is what Discord registers (and what interactions carry);
     * Korean becomes their `name_localizations` / `description_localizations` (`ko`).
     */
    commands: {
      sma: CommandText;
      admin: CommandText;
      sub: Record<DiscordSubcommandName, CommandText>;
      adminSub: Record<DiscordAdminSubcommandName, CommandText>;
      options: Record<DiscordOptionName, CommandText>;
      choices: Record<DiscordChoiceName, string>;
      /** "12th SMA (2026–2030)", "제12차 SMA(2026~2030년)". */
      agreementChoice(n: number, from: number, to: number): string;
    };
    expired: string;
    outdated: string;
    defaultTitle: string;
    sourcesLabel(count: number): string;
    /** The date comes formatted (Discord's own English style, `8 March 2019`). */
    asOf(formattedDate: string): string;
    helpCommands: string;
    /** The command list's last line: the private option, said once rather than on every line. */
    helpPrivate(option: string): string;
    /** Who may use a command (its default member permissions, as discord.js names them). */
    helpGate(permissions: string): string;
    admin: {
      notAvailable: string;
      guildOnly: string;
      missingPermissions(names: string[]): string;
      permissionNames: Record<'ViewChannel' | 'SendMessages' | 'EmbedLinks', string>;
      subscribed(l: Language): string;
      already(l: Language): string;
      languageChanged(l: Language): string;
      fixedSubscribe: string;
      unsubscribed: string;
      notSubscribed: string;
      fixedUnsubscribe: string;
      none: string;
      listTitle: string;
    };
  };

  /** Round-update announcements (src/announce/events.ts builds them from these). */
  announce: {
    prefix: Record<PrefixedKind, string>;
    /** "Round 3 of the 12th SMA talks", "제12차 SMA 협상 3차 회의". */
    roundTitle(round: number, label: string | undefined, agreement: number | undefined): string;
    /** The dates, with the rough wording as reported when there is one. */
    when(start: string, end: string | undefined, rough: string | undefined): string;
    headline(prefix: string, title: string, when: string, place: string): string;
    /** Where and when a round had been: "June 10–12, 2024, Washington". */
    was(start: string, end: string | undefined, place: string): string;
    heldNoOutcome: string;
    hadBeenScheduled(was: string): string;
    /** A round scheduled again after being postponed, cancelled or held. */
    previously(status: RoundStatus, was: string | undefined): string;
    /** A scheduled round that moved. */
    previousDates(was: string): string;
    newRound: string;
    /** A reminder's detail when the round has no summary. */
    opens(place: string, venue: string | undefined): string;
    agreementName(n: number, from: number, to: number): string;
    milestone: Record<MilestoneKey, (name: string) => string>;
    milestoneHeadline(head: string, date: string, place: string | undefined): string;
    by(key: MilestoneKey, people: string[]): string;
    sourceLabel: string;
    sourceDate(date: string): string;
  };
}
