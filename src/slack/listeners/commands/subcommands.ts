/**
 * The `/sma` dispatch table. Adding a subcommand = adding one entry: its name, its line in
 * `/sma help`, and what it does. Anything that is not a subcommand is a question for the core.
 */
import type { ListenerDeps } from '../../deps.js';
import { ask, reply } from '../../deps.js';
import { renderHelp, renderNotice, type HelpLine, type SlackMessage } from '../../render.js';

export interface SubcommandContext {
  deps: ListenerDeps;
  /** Text after the subcommand's name (only for subcommands with `takesArguments`). */
  args: string;
  userId: string;
  channelId: string;
  teamId: string;
  /** Asks the core and renders an ephemeral, shareable answer. */
  answer(question: string): SlackMessage;
}

export interface Subcommand {
  name: string;
  /** Shown in `/sma help`. */
  description: string;
  /** Matches `/sma name …` too (e.g. a later `/sma subscribe round-updates`); otherwise only `/sma name`. */
  takesArguments?: boolean;
  run(ctx: SubcommandContext): SlackMessage;
}

/** Example questions for `/sma help` when the core offers none (its help answer normally has them). */
export const EXAMPLE_QUESTIONS = [
  'How much does Korea pay this year?',
  'When is the next round?',
  'Who leads the negotiations?',
];

const askAs =
  (question: string) =>
  (ctx: SubcommandContext): SlackMessage =>
    ctx.answer(question);

const ANNOUNCEMENTS_NOT_YET =
  'Round announcements are not available yet. Once they are, `/sma subscribe` will post round updates ' +
  'in this channel and `/sma unsubscribe` will stop them. Until then, ask `/sma next-round`.';

const notYet = (): SlackMessage => renderNotice(ANNOUNCEMENTS_NOT_YET);

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'next-round', description: 'when the next round of talks is', run: askAs('When is the next round?') },
  { name: 'rounds', description: 'how many rounds have been held so far', run: askAs('How many rounds so far?') },
  { name: 'summary', description: 'the latest status of the talks', run: askAs('What is the latest status?') },
  { name: 'subscribe', description: 'round announcements in this channel (coming soon)', takesArguments: true, run: notYet },
  { name: 'unsubscribe', description: 'stop round announcements in this channel (coming soon)', takesArguments: true, run: notYet },
  { name: 'subscriptions', description: 'which channels get announcements (coming soon)', takesArguments: true, run: notYet },
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
  const answer = ask(deps, 'help');
  const core = answer?.intent === 'help' ? answer : undefined;
  const examples = core?.suggestions.map((s) => s.question).filter(Boolean) ?? [];
  return renderHelp(core?.text ?? '', helpLines(), examples.length ? examples : EXAMPLE_QUESTIONS, options);
}

/** The subcommand `text` names, and the text after it; `undefined` when the text is a question. */
export function findSubcommand(text: string): { subcommand: Subcommand; args: string } | undefined {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const name = first.toLowerCase().replace(/[?!.]+$/, '');
  const subcommand = SUBCOMMANDS.find((s) => s.name === name);
  if (!subcommand) return undefined;
  if (rest.length && !subcommand.takesArguments) return undefined; // "/sma rounds in 2019?" is a question
  return { subcommand, args: rest.join(' ') };
}

/** Builds the context for one `/sma` invocation. */
export function subcommandContext(
  deps: ListenerDeps,
  ids: { userId: string; channelId: string; teamId: string },
  args = '',
): SubcommandContext {
  const conversation = `cmd:${ids.teamId}:${ids.channelId}:${ids.userId}`;
  return {
    deps,
    args,
    ...ids,
    answer: (question) => reply(deps, question, { conversation, shareable: true }),
  };
}
