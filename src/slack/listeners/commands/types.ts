/**
 * What a `/sma` subcommand is and what it is given: shared by the dispatch table (subcommands.ts)
 * and the subcommands in their own files (subscriptions.ts, chart.ts), which would otherwise import
 * each other.
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
import type { SlackSubcommandName } from '../../../adapters/i18n/types.js';
import type { AskRequest, Language } from '../../../core/answer.js';
import type { ListenerDeps } from '../../deps.js';
import type { SlackMessage } from '../../render.js';

export interface SubcommandContext {
  deps: ListenerDeps;
  /** Text after the subcommand's name (only for subcommands with `takesArguments`). */
  args: string;
  /** Everything typed after `/sma`, the subcommand's name too: its language decides where no choice does. */
  text: string;
  userId: string;
  channelId: string;
  teamId: string;
  /** The app's Web API client (absent in unit tests of commands that post nothing themselves). */
  client?: AllMiddlewareArgs['client'];
  /** The user's (else the channel's) explicit answer language, if any (`/sma language`). */
  chosen?: Language;
  /** The language of the adapter's own replies: the choice, else English. */
  lang: Language;
  /** Asks the core (words or a request) and renders an ephemeral, shareable answer in the chosen language or the question's own. */
  answer(question: string | AskRequest): Promise<SlackMessage>;
}

/** What a subcommand replies through the response_url: privately unless `inChannel`; null = nothing more to say. */
export type SubcommandReply = (SlackMessage & { inChannel?: boolean }) | null;

export interface Subcommand {
  /** Also its line in `/sma help`, from the platform catalogue (`slack.subcommands`). */
  name: SlackSubcommandName;
  /** Other names it answers to, e.g. Korean ones (`/sma 차트`); help lists `name`. */
  aliases?: readonly string[];
  /**
   * Matches `/sma name …` too: any text (e.g. a later `/sma subscribe round-updates`), or only text
   * matching the pattern; otherwise only `/sma name`, and `/sma name more words` is a question.
   */
  takesArguments?: boolean | RegExp;
  run(ctx: SubcommandContext): SubcommandReply | Promise<SubcommandReply>;
}
