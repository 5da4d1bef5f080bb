/**
 * Sending replies. A failed Web API call or response_url POST is logged (kind and Slack error code,
 * never tokens or URLs) and reported as `false`; it never throws into Bolt.
 */
import type { AllMiddlewareArgs, RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from '../log.js';
import { describeError } from './errors.js';
import type { SlackMessage } from './render.js';

/** Source links must not unfold into large previews under every answer. */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

export async function postMessage(
  client: AllMiddlewareArgs['client'],
  target: { channel: string; thread_ts?: string | undefined },
  message: SlackMessage,
  logger: Logger,
): Promise<boolean> {
  try {
    await client.chat.postMessage({
      channel: target.channel,
      ...(target.thread_ts ? { thread_ts: target.thread_ts } : {}),
      text: message.text,
      blocks: message.blocks,
      ...NO_UNFURL,
    });
    return true;
  } catch (error) {
    logger.warn('slack chat.postMessage failed', { channel: target.channel, error: describeError(error) });
    return false;
  }
}

export async function respondWith(respond: RespondFn, payload: RespondArguments, logger: Logger, what = 'respond'): Promise<boolean> {
  try {
    await respond(payload);
    return true;
  } catch (error) {
    logger.warn(`slack ${what} failed`, { error: describeError(error) });
    return false;
  }
}

export function messagePayload(message: SlackMessage, visibility: 'ephemeral' | 'in_channel', extra: Partial<RespondArguments> = {}): RespondArguments {
  return {
    response_type: visibility,
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
    ...NO_UNFURL,
    ...extra,
  } as RespondArguments;
}
