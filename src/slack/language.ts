/**
 * The answer language in Slack (the rules are `src/adapters/answerLanguage.ts`): the user's
 * choice, else the channel's, else the question's own (or the answer a button was under), else
 * English. Slack tells an app nothing of the user's locale without the `users:read` scope, so
 * there is no locale rule here.
 */
import { answerLanguage, winner, type Asker, type LanguageInputs } from '../adapters/answerLanguage.js';
import type { Language } from '../core/answer.js';
import type { SlackDeps } from './deps.js';

export interface SlackIds {
  teamId: string;
  channelId: string;
  userId: string;
}

export const slackAsker = (ids: SlackIds): Asker => ({ platform: 'slack', workspaceId: ids.teamId, userId: ids.userId, channelId: ids.channelId });

/** The explicit choice for this user in this channel, if any (never throws, never waits long). */
export async function chosenLanguage(deps: Pick<SlackDeps, 'languages'>, ids: SlackIds): Promise<Language | undefined> {
  return deps.languages ? winner(await deps.languages.chosen(slackAsker(ids))) : undefined;
}

/** The language to ask the core in: the choice, else what `inputs` say (undefined: the core follows the words). */
export async function slackAnswerLanguage(
  deps: Pick<SlackDeps, 'languages'>,
  ids: SlackIds,
  inputs: Omit<LanguageInputs, 'chosen' | 'locale'> = {},
): Promise<Language | undefined> {
  const chosen = await chosenLanguage(deps, ids);
  return answerLanguage({ ...inputs, ...(chosen ? { chosen } : {}) });
}
