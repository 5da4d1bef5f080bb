/**
 * The `/sma` dispatch table. Adding a subcommand = adding one entry: its name, its line in
 * `/sma help`, and what it does. Subcommands that answer ask the core by intent and slots (an
 * `AskRequest`), nothing for the router to re-parse. Anything that is not a subcommand is a
 * question for the core.
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
import type { AskRequest, Suggestion } from '../../../core/answer.js';
import type { ListenerDeps } from '../../deps.js';
import { askAlone, reply } from '../../deps.js';
import { conversationKey } from '../../../conversation/keys.js';
import { renderHelp, type HelpLine, type SlackMessage } from '../../render.js';
import { AGREEMENT_ARGUMENT, agreementArgument } from '../../subcommandArgs.js';
import { listSubscriptions, subscribeChannel, unsubscribeChannel } from './subscriptions.js';
import { postChart } from './chart.js';
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
  { name: 'next-round', description: 'when the next round of talks is', run: askFor(() => ({ intent: 'next-round' })) },
  {
    name: 'rounds',
    description: 'the rounds held so far, or of one agreement (`/sma rounds 11`)',
    takesArguments: AGREEMENT_ARGUMENT,
    run: askFor((args) => {
      const agreement = agreementArgument(args);
      return { intent: 'rounds', ...(agreement ? { agreement } : {}) };
    }),
  },
  { name: 'summary', description: 'the latest status of the talks', run: askFor(() => ({ intent: 'summary' })) },
  { name: 'subscribe', description: 'post SMA round updates in this channel (everyone here sees who subscribed it)', takesArguments: true, run: subscribeChannel },
  { name: 'unsubscribe', description: 'stop round updates in this channel', takesArguments: true, run: unsubscribeChannel },
  { name: 'subscriptions', description: 'which channels get round updates', takesArguments: true, run: listSubscriptions },
  { name: 'chart', description: 'a chart in this channel: Korea’s yearly contribution, or `rounds 12` for the 12th SMA talks', takesArguments: true, run: postChart },
  { name: 'help', description: 'this message', run: (ctx) => helpMessage(ctx.deps) },
];

export function helpLines(): HelpLine[] {
  return [
    { usage: '/sma <question>', description: 'answers a question, e.g. `/sma How much does Korea pay this year?`' },
    ...SUBCOMMANDS.map((s) => ({ usage: `/sma ${s.name}`, description: s.description })),
  ];
}

/**
 * The help: the core's own help answer (what it covers, example questions) plus the Slack commands.
 * Content stays in the core; only the command list is the adapter's.
 */
export function helpMessage(deps: ListenerDeps, options: { inDirectMessage?: boolean } = {}): SlackMessage {
  const answer = askAlone(deps, { intent: 'help' });
  const core = answer?.intent === 'help' ? answer : undefined;
  const examples = core?.suggestions.filter((s) => s.question.trim()) ?? [];
  return renderHelp(core?.text ?? '', helpLines(), examples.length ? examples : EXAMPLE_QUESTIONS, options);
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
): SubcommandContext {
  const conversation = conversationKey.slackCommand(ids.teamId, ids.channelId, ids.userId);
  return {
    deps,
    args,
    ...ids,
    ...(client ? { client } : {}),
    answer: (question) => reply(deps, question, { conversation, shareable: true }),
  };
}
