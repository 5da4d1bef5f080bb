/**
 * The platform catalogue, English: every text the Slack and Discord adapters and the announcements
 * write that is not an answer of the core — button labels, help, command descriptions, admin
 * replies, error notes, announcement headlines. `ko.ts` has the same shape (`PlatformCatalogue`).
 *
 * Why beside the core's catalogue (src/core/i18n) rather than in it: these texts name Slack and
 * Discord commands, permissions, scopes and environment variables, which the core never knows
 * about (it has no platform imports); the core's catalogue is the answers. Both follow one
 * pattern: `messages(lang)` there, `platformMessages(lang)` here.
 */
import type { Language } from '../../core/answer.js';
import { formatDate, formatRange, ordinal } from '../../core/format.js';
import type { PlatformCatalogue } from './types.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: 'Korean' };

export const en: PlatformCatalogue = {
  lang: 'en',
  languageName: (l) => LANGUAGE_NAMES[l],

  common: {
    sorry: 'Sorry, I could not answer that just now. Please try again in a moment.',
    apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
    paused: (p) =>
      `Round announcements and subscriptions are paused: the bot cannot use its store (${p.location}: ${p.reason}). Questions are still answered, and announcements resume by themselves once the store works again; the bot's operator has the details in its log.`,
    reportUnavailable: (p) => `The report cannot be read now: the bot cannot use its store (${p.location}: ${p.reason}). Questions are still answered.`,
    reportOff: 'The report is not enabled on this bot (it needs the bot’s store).',
    chartsOff: 'Charts are not enabled on this bot.',
    operatorChannel: "set by the bot's operator",
    thisChannel: 'this channel',
    andMore: (n) => `and ${n} more`,
  },

  feedback: {
    up: 'Helpful',
    down: 'Not helpful',
    thanks: (value, result, withReason) => {
      const emoji = value === 'up' ? '👍' : '👎';
      if (result === 'same') return withReason ? `Thanks, your ${emoji} and its reason were already recorded.` : `You had already voted ${emoji} on this answer.`;
      const reason = withReason ? ' with your reason' : '';
      return result === 'new' ? `Thanks — recorded ${emoji}${reason}.` : `Thanks — your vote is changed to ${emoji}${reason}.`;
    },
    failed: 'Sorry, I could not record your vote just now. Please try again in a moment.',
    yourReason: 'What you wrote:',
    unreadable: 'I could not tell which answer that vote was for. Please ask again and vote on the new answer.',
    notEnabled: "Votes on answers need the bot's store, which is not enabled on this bot.",
    modalTitle: 'What was wrong?',
    reasonLabel: 'Reason (optional, one line)',
    reasonPlaceholder: 'e.g. the figure is out of date',
    submit: 'Send 👎',
    cancel: 'Cancel',
    close: 'Close',
    consoleHelp: 'After an answer, "+" votes it helpful and "-" not helpful ("- reason words" says why).',
    nothingToVoteOn: 'There is no answer from the record to vote on: ask a question, then "+" or "-" after its answer.',
  },

  language: {
    saved: (scope, l) =>
      scope === 'user'
        ? `From now on I answer you in ${LANGUAGE_NAMES[l]}, whatever language you ask in. \`auto\` goes back to answering in the language of each question.`
        : `From now on I answer everyone in this channel in ${LANGUAGE_NAMES[l]} (unless they chose a language for themselves). \`auto\` goes back to the language of each question.`,
    cleared: (scope) =>
      scope === 'user'
        ? 'I answer you in the language of each question again (English or Korean).'
        : "This channel has no answer language any more: I answer in the language of each question (or of each person's own choice).",
    unchanged: (scope, l) =>
      l
        ? `${scope === 'user' ? 'Your' : "This channel's"} answer language is already ${LANGUAGE_NAMES[l]}.`
        : `${scope === 'user' ? 'You have' : 'This channel has'} no answer language set: I follow the language of each question.`,
    notSaved: (p) => `I could not save that choice: the bot cannot use its store just now (${p.location}: ${p.reason}). Until it can, I answer in the language of each question.`,
    notEnabled: "Choosing an answer language needs the bot's store, which is not enabled on this bot. I answer in the language of each question.",
    current: (user, channel) =>
      [
        `Your answer language: ${user ? LANGUAGE_NAMES[user] : 'none (the language of each question)'}.`,
        `This channel's: ${channel ? LANGUAGE_NAMES[channel] : 'none'}.`,
        "Your own choice comes first, then the channel's, then the language you ask in, then English.",
      ].join(' '),
    unavailable: (p) => `I cannot read the language choices just now (${p.location}: ${p.reason}); I answer in the language of each question.`,
    channelNeedsManage: 'Setting the language of a whole channel needs the Manage Channels permission. You can set your own with `scope: me`.',
  },

  slack: {
    unknownButton: 'That button belongs to an older answer and I could not tell what it asked. Please ask again with `/sma` and your question.',
    share: 'Share in channel',
    sharedBy: (user) => `Shared by ${user}`,
    sourcesLabel: (count) => (count === 1 ? 'Source' : 'Sources'),
    asOf: (date) => `as of ${formatDate(date)}`,
    andMore: (n) => ` and ${n} more`,
    noAnswer: '(no answer)',
    helpIntro: 'I answer questions about the South Korea–US defense cost-sharing talks (SMA).',
    helpCommands: 'Commands',
    helpElsewhere:
      'You can also mention me in a channel (I answer in the thread) or send me a direct message. ' +
      'Answers to `/sma` are visible only to you until you press *Share in channel*.',
    helpFallback: (usages) => `Ask me about the SMA talks: ${usages.join(', ')}. You can also mention me or send me a direct message.`,
    helpQuestion: { usage: '/sma <question>', description: 'answers a question, e.g. `/sma How much does Korea pay this year?`' },
    subcommands: {
      'next-round': 'when the next round of talks is',
      rounds: 'the rounds held so far, or of one agreement (`/sma rounds 11`)',
      summary: 'the latest status of the talks',
      language: 'the language I answer you in: `/sma language ko`, `en` or `auto`; add `channel` for everyone here',
      subscribe: 'post SMA round updates in this channel (everyone here sees who subscribed it); `/sma subscribe ko` for updates in Korean',
      unsubscribe: 'stop round updates in this channel',
      subscriptions: 'which channels get round updates',
      report: 'for the operator’s admins: what could not be answered, votes, picks, deliveries (the last 30 days)',
      chart: 'a chart in this channel: Korea’s yearly contribution, or `rounds 12` for the 12th SMA talks',
      help: 'this message',
    },
    languageUsage:
      'Choose the language I answer in: `/sma language ko` (Korean), `/sma language en` (English) or `/sma language auto` (the language of each question). Add `channel` to set it for everyone in this channel: `/sma language ko channel`.',
    languageAnnounced: (user, l) => `${user} set this channel's answer language to ${LANGUAGE_NAMES[l]}. \`/sma language auto channel\` undoes it.`,
    languageCleared: (user) => `${user} removed this channel's answer language: I answer in the language of each question.`,
    someone: 'Someone',
    chart: {
      help: 'Try `/sma chart` (Korea’s yearly contribution) or `/sma chart rounds 12` (the rounds of the 12th SMA talks).',
      invite: "I can't post files in this channel. Invite me first (`/invite @sma`), then run `/sma chart` again.",
    },
    report: { refused: 'Sorry, the report is only for the admins the operator named (SLACK_ADMIN_USERS). Ask them, or the operator, for it.' },
    subscriptions: {
      notEnabled: 'Round announcements are not enabled on this bot.',
      channelsOnly: 'Round updates go to channels: run `/sma subscribe` in the channel that should get them.',
      fixed: "This channel always gets SMA round updates: the bot's operator listed it in ANNOUNCE_SLACK_CHANNELS, and only they can change that.",
      already: (l) => `This channel already gets SMA round updates${l === 'ko' ? ' (in Korean)' : ''}. \`/sma unsubscribe\` stops them.`,
      inviteFirst: "I can't post in this channel, so I did not subscribe it. Invite me first (`/invite @sma`), then run `/sma subscribe` again.",
      subscribed: 'This channel will now get SMA round updates. `/sma unsubscribe` stops them.',
      announced: (user, l) =>
        `${user} subscribed this channel to SMA round updates${l === 'ko' ? ' in Korean' : ''}: new rounds, schedule changes, outcomes, agreements and reminders. \`/sma unsubscribe\` stops them.`,
      languageChanged: (user, l) => `${user} switched this channel's SMA round updates to ${LANGUAGE_NAMES[l]}.`,
      notSubscribed: 'This channel was not subscribed to SMA round updates.',
      unsubscribed: (user) => `${user} unsubscribed this channel from SMA round updates.`,
      none: 'No channel gets SMA round updates yet. Run `/sma subscribe` in a channel to add it.',
      listTitle: 'Channels that get SMA round updates',
      badLanguage: (word) => `I don't know the language "${word}". Use \`/sma subscribe\` (English), \`/sma subscribe ko\` (Korean) or \`/sma subscribe en\`.`,
    },
  },

  discord: {
    commands: {
      sma: { name: 'sma', description: 'Ask about the South Korea–US defense cost-sharing talks (SMA)' },
      admin: { name: 'sma-admin', description: 'Manage SMA round-update announcements in this channel' },
      sub: {
        ask: { name: 'ask', description: 'Ask a question about the SMA talks' },
        'next-round': { name: 'next-round', description: 'When and where the next round of talks is' },
        rounds: { name: 'rounds', description: 'The rounds of talks so far, or of one agreement' },
        summary: { name: 'summary', description: 'Where the cost-sharing talks stand now' },
        help: { name: 'help', description: 'What the bot knows and how to ask' },
        chart: { name: 'chart', description: 'A chart from the record: Korea’s yearly contribution, or the rounds of one set of talks' },
        language: { name: 'language', description: 'The language I answer you (or this channel) in: Korean, English or automatic' },
      },
      adminSub: {
        subscribe: { name: 'subscribe', description: 'Post SMA round updates in this channel' },
        unsubscribe: { name: 'unsubscribe', description: 'Stop posting SMA round updates in this channel' },
        subscriptions: { name: 'subscriptions', description: "List this server's channels that receive SMA round updates" },
        report: { name: 'report', description: 'What the bot could not answer, votes, picks and deliveries (last 30 days)' },
      },
      options: {
        question: { name: 'question', description: 'Your question, e.g. "How much does Korea pay this year?"' },
        private: { name: 'private', description: 'Only you see the answer (default: everyone in the channel sees it)' },
        agreement: { name: 'agreement', description: 'Which Special Measures Agreement (default: the current talks)' },
        kind: { name: 'kind', description: 'What to draw (default: the yearly contribution)' },
        chartAgreement: { name: 'agreement', description: 'For the rounds: which SMA’s talks (default: the latest)' },
        chartPrivate: { name: 'private', description: 'Only you see the chart (default: everyone in the channel sees it)' },
        language: { name: 'language', description: 'Korean, English, or automatic (the language of each question); empty: show the settings' },
        scope: { name: 'scope', description: 'For you (default) or for everyone in this channel (needs Manage Channels)' },
        announceLanguage: { name: 'language', description: 'The language of the announcements (default: yours, else English)' },
      },
      choices: {
        contributions: 'Korea’s yearly contribution',
        rounds: 'Rounds of talks (timeline)',
        ko: 'Korean (한국어)',
        en: 'English',
        auto: 'Automatic: the language of each question',
        me: 'Me',
        channel: 'This channel',
      },
      agreementChoice: (n, from, to) => `${ordinal(n)} SMA (${from === to ? `${from}` : `${from}–${to}`})`,
    },
    expired: 'That button belongs to an older answer and I could not tell which question it asked. Please ask again with `/sma ask`.',
    outdated: 'This command is out of date. An admin can refresh the commands with `npm run sma -- discord register`.',
    defaultTitle: 'SMA talks',
    sourcesLabel: (count) => (count === 1 ? 'Source' : 'Sources'),
    asOf: (date) => `as of ${date}`,
    helpCommands: 'Commands',
    helpPrivate: (option) => `Add \`${option}: True\` to see an answer alone.`,
    helpGate: (permissions) => `(${permissions})`,
    admin: {
      notAvailable: 'Round-update announcements are not enabled on this bot.',
      guildOnly: 'Announcements go to server channels: use this command in a channel of your server.',
      missingPermissions: (names) => `I can't post in this channel yet: I need ${names.join(', ')} here. Give me those, then subscribe again.`,
      permissionNames: { ViewChannel: 'View Channel', SendMessages: 'Send Messages', EmbedLinks: 'Embed Links' },
      subscribed: (l) => `This channel will now receive SMA round updates${l === 'ko' ? ' in Korean' : ''}: new rounds, changes, outcomes, agreements and reminders.`,
      already: (l) => `This channel already receives SMA round updates${l === 'ko' ? ' (in Korean)' : ''}.`,
      languageChanged: (l) => `This channel's SMA round updates are now in ${LANGUAGE_NAMES[l]}.`,
      fixedSubscribe: "This channel always receives SMA round updates: the bot's operator listed it in ANNOUNCE_DISCORD_CHANNELS.",
      unsubscribed: 'This channel will no longer receive SMA round updates.',
      notSubscribed: 'This channel was not subscribed to SMA round updates.',
      fixedUnsubscribe: "This channel receives SMA round updates because the bot's operator listed it in ANNOUNCE_DISCORD_CHANNELS; only they can stop them.",
      none: 'No channel in this server receives SMA round updates yet. Use `/sma-admin subscribe` in a channel to add it.',
      listTitle: 'Channels in this server that receive SMA round updates:',
    },
  },

  announce: {
    prefix: {
      'round-rescheduled': 'Rescheduled: ',
      'round-held': 'Held: ',
      'round-postponed': 'Postponed: ',
      'round-cancelled': 'Cancelled: ',
      'round-reminder': 'Starting soon: ',
    },
    roundTitle: (round, label, agreement) => {
      const of = agreement !== undefined ? ` of the ${ordinal(agreement)} SMA talks` : '';
      return label ? `The ${label} round${of}` : `Round ${round}${of}`;
    },
    when: (start, end, rough) => (rough ? `${rough} (${formatRange(start, end)})` : formatRange(start, end)),
    headline: (prefix, title, when, place) => `${prefix}${title}: ${when}, ${place}`,
    was: (start, end, place) => `${formatRange(start, end)}, ${place}`,
    heldNoOutcome: 'The round was held; no outcome has been recorded yet.',
    hadBeenScheduled: (was) => `It had been scheduled for ${was}.`,
    previously: (status, was) => `Previously ${status}${was ? ` (${was})` : ''}.`,
    previousDates: (was) => `Previously ${was}.`,
    newRound: 'A new round of the defense cost-sharing talks has been scheduled.',
    opens: (place, venue) => `The round opens ${venue ? `at ${venue}, ` : 'in '}${place}.`,
    agreementName: (n, from, to) => `${ordinal(n)} SMA (${from === to ? `${from}` : `${from}–${to}`})`,
    milestone: {
      agreed: (name) => `Agreement reached on the ${name}`,
      initialed: (name) => `The ${name} is initialed`,
      signed: (name) => `The ${name} is signed`,
      ratified: (name) => `The ${name} is ratified`,
      inForce: (name) => `The ${name} is in force`,
    },
    milestoneHeadline: (head, date, place) => `${head}: ${formatDate(date)}${place ? `, ${place}` : ''}`,
    by: (_key, people) => `By ${people.join(' and ')}.`,
    sourceLabel: 'Source',
    sourceDate: (date) => formatDate(date),
  },
};
