/**
 * Requests that pass the signature check but lack what a listener needs (no channel, no user, no
 * response_url, no event): Slack never sends them, but a proxy, an old client or a test harness
 * may. Bolt itself dereferences some of these fields before any middleware runs (a click without
 * `user` is a TypeError and an HTTP 500), so the check sits in front of `App.processEvent`: such a
 * request is acknowledged with an empty 200, logged with what is missing, and goes no further.
 */
import type { App, ReceiverEvent } from '@slack/bolt';
import { fieldChecks, isText, obj } from '../adapters/fields.js';
import type { Logger } from '../log.js';

/** The fields a request of a kind we answer lacks; empty when it is complete (or of a kind we do not answer). */
export function missingFields(body: unknown): string[] {
  const b = obj(body) ?? {};
  const { missing, need } = fieldChecks();
  if (isText(b.command)) {
    need(isText(b.channel_id), 'channel_id');
    need(isText(b.user_id), 'user_id');
    need(isText(b.response_url), 'response_url');
  } else if (b.type === 'block_actions') {
    need(isText(obj(b.user)?.id), 'user.id');
    need(isText(b.response_url), 'response_url');
    const first = Array.isArray(b.actions) ? obj(b.actions[0]) : undefined;
    need(isText(first?.action_id), 'actions[0].action_id');
  } else if (b.type === 'view_submission') {
    need(isText(obj(b.user)?.id), 'user.id');
    need(isText(obj(b.view)?.callback_id), 'view.callback_id');
  } else if (b.type === 'event_callback') {
    const event = obj(b.event);
    need(isText(event?.type), 'event.type');
    if (event?.type === 'app_mention' || event?.type === 'message') {
      need(isText(event.channel), 'event.channel');
      need(isText(event.ts), 'event.ts');
    }
  }
  return missing;
}

/** Puts the check in front of the app's event processing. */
export function dropMalformedRequests(app: App, logger: Logger): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const missing = missingFields(event.body);
    if (!missing.length) return process(event);
    const b = obj(event.body) ?? {};
    logger.warn('slack ignored a request with fields missing', { type: b.command ? 'slash_command' : (b.type ?? 'unknown'), event: obj(b.event)?.type, missing });
    await event.ack();
  };
}
