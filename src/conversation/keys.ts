/**
 * The conversation a turn belongs to, per platform: what a follow-up's context is shared by.
 * A Slack thread is one conversation whoever writes in it; a DM (or a thread in it) is the user's
 * own; a slash command's answers are the user's in that channel. In Discord each user has their
 * own conversation in each channel. Keys carry the platform's ids only, nothing else about a user.
 */
export const conversationKey = {
  slackThread: (team: string, channel: string, threadTs: string) => `slack:thread:${team}:${channel}:${threadTs}`,
  slackDirect: (team: string, channel: string, threadTs: string | undefined) => `slack:im:${team}:${channel}:${threadTs ?? ''}`,
  slackCommand: (team: string, channel: string, user: string) => `slack:cmd:${team}:${channel}:${user}`,
  discord: (guild: string | null | undefined, channel: string | null | undefined, user: string) => `discord:${guild ?? 'dm'}:${channel ?? ''}:${user}`,
  /** One console session (a process), or one conversation of `sma ask --conversation`. */
  local: (session: string) => `local:${session}`,
};
