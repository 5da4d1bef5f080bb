/**
 * Slack re-delivers an event (`x-slack-retry-num` over HTTP, `retry_attempt` in Socket Mode) when it
 * saw no acknowledgement in time. A retry must never produce a second answer:
 *
 * 1. every event_id is remembered for an hour and a repeat is dropped;
 * 2. a retry for an event this process has not seen, with reason `http_timeout`, is dropped too:
 *    Slack reached a server that accepted the first delivery (an earlier run of this process, or
 *    another instance), so it was most likely answered. Retries after `connection_failed` or
 *    `http_error` are answered, since the first delivery never reached a listener.
 *
 * Commands and button clicks are not retried by Slack (a double click is handled by the share listener).
 *
 * A *replay* is different: the same signed HTTP request sent again (same signature and
 * timestamp), which Bolt accepts for the five minutes the timestamp is valid. Slack never does
 * that; a proxy retrying, a client re-sending or someone who captured the request does. It is
 * acknowledged (so the sender sees a normal 200) and dropped, so it is answered once.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { TtlCache } from './cache.js';

export function dropRetriedEvents(seen: TtlCache<true>, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') {
      await next();
      return;
    }
    const retry = { eventId, retryNum: context.retryNum, retryReason: context.retryReason };
    if (!seen.claim(eventId, true)) {
      logger.info('slack event dropped: already handled', retry);
      return;
    }
    if (context.retryNum && context.retryReason === 'http_timeout') {
      logger.info('slack event dropped: retry of a delivery that reached a server', retry);
      return;
    }
    await next();
  };
}

/** The request's signature and timestamp, for the replay check (HTTP mode; Bolt puts them in `context`). */
export const SIGNED_REQUEST = 'slackRequestSignature';

export function dropReplayedRequests(seen: TtlCache<true>, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const signed = args.context[SIGNED_REQUEST];
    if (typeof signed !== 'string' || seen.claim(signed, true)) {
      await args.next();
      return;
    }
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack().catch(() => undefined);
    logger.warn('slack request dropped: a replay of a signed request already handled (same signature and timestamp)', {
      type: (args.body as { type?: unknown }).type,
    });
  };
}
