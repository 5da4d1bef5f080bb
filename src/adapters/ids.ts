/**
 * The one rule for each platform id the bot checks: in the configuration, in subscriptions and
 * before an id is written into a message (`<@U…>`). Test ids ("C1", "CFIXED") are valid too.
 */

/** A Slack channel the bot can announce in: public (`C…`) or private (`G…`); never a DM (`D…`). */
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{1,20}$/;

/** A Slack user (`U…`, or `W…` on Enterprise Grid). */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{1,20}$/;

/** A Discord snowflake: a 64-bit id written in decimal, 15–21 digits for any id minted since 2015. */
export const DISCORD_SNOWFLAKE = /^\d{15,21}$/;

export const isSlackChannelId = (id: string) => SLACK_CHANNEL_ID.test(id);
export const isSlackUserId = (id: string) => SLACK_USER_ID.test(id);
export const isDiscordSnowflake = (id: string) => DISCORD_SNOWFLAKE.test(id);
