/**
 * The `/sma` dispatch table. Adding a subcommand = adding one entry: its name, its line in
 * `/sma help`, and what it does. Subcommands that answer ask the core by intent and slots (an
 * `AskRequest`), nothing for the router to re-parse. Anything that is not a subcommand is a
 * question for the core.
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
import { answerLanguage } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import type { SlackSubcommandName } from '../../../adapters/i18n/types.js';
import type { AskRequest, Language, Suggestion } from '../../../core/answer.js';
import type { ListenerDeps } from '../../deps.js';
import { ask, reply } from '../../deps.js';
import { renderHelp, type HelpLine, type SlackMessage } from '../../render.js';
import { AGREEMENT_ARGUMENT, agreementArgument } from '../../subcommandArgs.js';
import { listSubscriptions, subscribeChannel, unsubscribeChannel } from './subscriptions.js';
import { postChart } from './chart.js';
import { chooseLanguage } from './language.js';

export interface SubcommandContext {
  deps: ListenerDeps;
  /** Text after the subcommand's name (only for subcommands with `takesArguments`). */
  args: string;
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
  answer(question: string | AskRequest): SlackMessage;
}

/** What a subcommand replies through the response_url: privately unless `inChannel`; null = nothing more to say. */
export type SubcommandReply = (SlackMessage & { inChannel?: boolean }) | null;

export interface Subcommand {
  /** Also its line in `/sma help`, from the platform catalogue (`slack.subcommands`). */
  name: SlackSubcommandName;
  /**
   * Matches `/sma name …` too: any text (e.g. a later `/sma subscribe round-updates`), or only text
   * matching the pattern; otherwise only `/sma name`, and `/sma name more words` is a question.
   */
  takesArguments?: boolean | RegExp;
  run(ctx: SubcommandContext): SubcommandReply | Promise<SubcommandReply>;
}

/** Example questions for `/sma help` when the core offers none (its help answer normally has them). */
export const EXAMPLE_QUESTIONS: readonly Suggestion[] = [
  { question: 'How much does Korea pay this year?', request: { intent: 'contribution' } },
  { question: 'When is the next round?', request: { intent: 'next-round' } },
  { question: 'Who leads the negotiations?', request: { intent: 'negotiators' } },
];

const askFor =
  (request: (args: string) => AskRequest) =>
  (ctx: SubcommandContext): SlackMessage =>
    ctx.answer(request(ctx.args));

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'next-round', run: askFor(() => ({ intent: 'next-round' })) },
  {
    name: 'rounds',
    takesArguments: AGREEMENT_ARGUMENT,
    run: askFor((args) => {
      const agreement = agreementArgument(args);
      return { intent: 'rounds', ...(agreement ? { agreement } : {}) };
    }),
  },
  { name: 'summary', run: askFor(() => ({ intent: 'summary' })) },
  { name: 'language', takesArguments: true, run: chooseLanguage },
  { name: 'subscribe', takesArguments: true, run: subscribeChannel },
  { name: 'unsubscribe', takesArguments: true, run: unsubscribeChannel },
  { name: 'subscriptions', takesArguments: true, run: listSubscriptions },
  { name: 'chart', takesArguments: true, run: postChart },
  { name: 'help', run: (ctx) => helpMessage(ctx.deps, { language: ctx.lang }) },
];

export function helpLines(lang: Language = 'en'): HelpLine[] {
  const t = platformMessages(lang).slack;
  return [t.helpQuestion, ...SUBCOMMANDS.map((s) => ({ usage: `/sma ${s.name}`, description: t.subcommands[s.name] }))];
}

/**
 * The help: the core's own help answer (what it covers, example questions) plus the Slack commands.
 * Content stays in the core; only the command list is the adapter's.
 */
export function helpMessage(deps: ListenerDeps, options: { inDirectMessage?: boolean; language?: Language } = {}): SlackMessage {
  const answer = ask(deps, { intent: 'help' }, undefined, options.language);
  const core = answer?.intent === 'help' ? answer : undefined;
  const examples = core?.suggestions.filter((s) => s.question.trim()) ?? [];
  const lang = options.language ?? core?.language ?? 'en';
  return renderHelp(core?.text ?? '', helpLines(lang), examples.length ? examples : EXAMPLE_QUESTIONS, { ...options, language: lang });
}

/** The subcommand `text` names, and the text after it; `undefined` when the text is a question. */
export function findSubcommand(text: string): { subcommand: Subcommand; args: string } | undefined {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const name = first.toLowerCase().replace(/[?!.]+$/, '');
  const subcommand = SUBCOMMANDS.find((s) => s.name === name);
  if (!subcommand) return undefined;
  const args = rest.join(' ');
  const accepts = subcommand.takesArguments;
  // "/sma rounds in 2019?" is a question, "/sma rounds 11" a subcommand.
  if (args && !(accepts instanceof RegExp ? accepts.test(args) : accepts)) return undefined;
  return { subcommand, args };
}

/** Builds the context for one `/sma` invocation. */
export function subcommandContext(
  deps: ListenerDeps,
  ids: { userId: string; channelId: string; teamId: string },
  args = '',
  client?: AllMiddlewareArgs['client'],
  chosen?: Language,
): SubcommandContext {
  const conversation = `cmd:${ids.teamId}:${ids.channelId}:${ids.userId}`;
  return {
    deps,
    args,
    ...ids,
    ...(client ? { client } : {}),
    ...(chosen ? { chosen } : {}),
    lang: chosen ?? 'en',
    answer: (question) => {
      const language = answerLanguage({ ...(chosen ? { chosen } : {}), ...(typeof question === 'string' ? { question } : {}) });
      return reply(deps, question, { conversation, shareable: true, ...(language ? { language } : {}) });
    },
  };
}
