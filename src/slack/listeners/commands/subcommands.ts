/**
 * The `/sma` dispatch table. Adding a subcommand = adding one entry: its name, its line in
 * `/sma help`, and what it does. Subcommands that answer ask the core by intent and slots (an
 * `AskRequest`), nothing for the router to re-parse. Anything that is not a subcommand is a
 * question for the core.
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
import { answerLanguage } from '../../../adapters/answerLanguage.js';
import { platformMessages } from '../../../adapters/i18n/index.js';
import type { AskRequest, Language, Suggestion } from '../../../core/answer.js';
import type { ListenerDeps } from '../../deps.js';
import { askAlone, reply } from '../../deps.js';
import { conversationKey } from '../../../conversation/keys.js';
import { renderHelp, type HelpLine, type SlackMessage } from '../../render.js';
import { AGREEMENT_ARGUMENT, agreementArgument } from '../../subcommandArgs.js';
import { listSubscriptions, subscribeChannel, unsubscribeChannel } from './subscriptions.js';
import { postChart } from './chart.js';
import { reportCommand } from './report.js';
import { chooseLanguage } from './language.js';
import type { Subcommand, SubcommandContext } from './types.js';

/** Example questions for `/sma help` when the core offers none (its help answer normally has them). */
export const EXAMPLE_QUESTIONS: readonly Suggestion[] = [
  { question: 'How much does Korea pay this year?', request: { intent: 'contribution' } },
  { question: 'When is the next round?', request: { intent: 'next-round' } },
  { question: 'Who leads the negotiations?', request: { intent: 'negotiators' } },
];

const askFor =
  (request: (args: string) => AskRequest) =>
  (ctx: SubcommandContext): Promise<SlackMessage> =>
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
  { name: 'report', run: reportCommand },
  { name: 'chart', aliases: ['차트'], takesArguments: true, run: postChart },
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
  const answer = askAlone(deps, { intent: 'help' }, options.language);
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
  const subcommand = SUBCOMMANDS.find((s) => s.name === name || s.aliases?.includes(name));
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
  text = args,
): SubcommandContext {
  const conversation = conversationKey.slackCommand(ids.teamId, ids.channelId, ids.userId);
  return {
    deps,
    args,
    text,
    ...ids,
    ...(client ? { client } : {}),
    ...(chosen ? { chosen } : {}),
    lang: chosen ?? 'en',
    answer: (question) => {
      const language = answerLanguage({ ...(chosen ? { chosen } : {}), ...(typeof question === 'string' ? { question } : {}) });
      return reply(deps, question, { conversation, shareable: true, userId: ids.userId, ...(language ? { language } : {}) });
    },
  };
}
