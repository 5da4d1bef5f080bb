/**
 * 👍/👎 in Slack: the 👎 modal (one optional one-line reason) and what it carries. A modal's
 * submission does not say which message it came from, so the modal's `private_metadata` carries
 * the answer's key, the vote button's payload and the language to thank in; it comes back in a
 * signed request, but is read like any user input: checked, bounded, or refused.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { platformMessages } from '../adapters/i18n/index.js';
import { decodeVote, MAX_PAYLOAD_LENGTH, type VotePayload } from '../adapters/payload.js';
import type { Language } from '../core/answer.js';
import { MAX_REASON_LENGTH } from '../curation/feedback.js';
import { escapeMrkdwn, safePlainText, truncate } from './render.js';

export const REASON_CALLBACK_ID = 'sma_vote_reason';
export const REASON_BLOCK_ID = 'sma_reason';
export const REASON_ACTION_ID = 'reason';

/** Slack's limits for a modal: title, submit and close at most 24 characters; private_metadata 3,000. */
const MODAL_TEXT = 24;
const METADATA_MAX = 3000;

export interface ReasonContext {
  answerKey: string;
  /** The 👎 button's value (`v:d:…`). */
  payload: string;
  language: Language;
}

const metadataSchema = z.strictObject({
  k: z.string().regex(/^slack:[^\s]{1,200}$/),
  v: z.string().max(MAX_PAYLOAD_LENGTH),
  l: z.enum(['en', 'ko']),
});

export function encodeReasonContext(c: ReasonContext): string {
  return JSON.stringify({ k: c.answerKey, v: c.payload, l: c.language });
}

/** The modal's context, with the vote it is for (always a 👎); undefined for anything else. */
export function decodeReasonContext(metadata: string | undefined): (ReasonContext & { vote: VotePayload }) | undefined {
  if (!metadata || metadata.length > METADATA_MAX) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(metadata);
  } catch {
    return undefined;
  }
  const parsed = metadataSchema.safeParse(json);
  const vote = parsed.success ? decodeVote(parsed.data.v) : undefined;
  if (!parsed.success || vote?.value !== 'down') return undefined;
  return { answerKey: parsed.data.k, payload: parsed.data.v, language: parsed.data.l, vote };
}

const plain = (text: string, max = MODAL_TEXT) => ({ type: 'plain_text' as const, text: truncate(safePlainText(text), max), emoji: true });

/** The modal a 👎 opens (`views.open`): one optional plain-text line, at most MAX_REASON_LENGTH characters. */
export function reasonModal(c: ReasonContext): types.ModalView {
  const t = platformMessages(c.language).feedback;
  return {
    type: 'modal',
    callback_id: REASON_CALLBACK_ID,
    private_metadata: encodeReasonContext(c),
    title: plain(t.modalTitle),
    submit: plain(t.submit),
    close: plain(t.cancel),
    blocks: [
      {
        type: 'input',
        block_id: REASON_BLOCK_ID,
        optional: true,
        label: plain(t.reasonLabel, 2000),
        element: { type: 'plain_text_input', action_id: REASON_ACTION_ID, max_length: MAX_REASON_LENGTH, placeholder: plain(t.reasonPlaceholder, 150) },
      },
    ],
  };
}

/** What the modal turns into once the vote is recorded (or could not be read): a line of thanks and Close. */
export function doneModal(text: string, language: Language): types.ModalView {
  const t = platformMessages(language).feedback;
  return {
    type: 'modal',
    callback_id: `${REASON_CALLBACK_ID}_done`,
    title: plain(t.modalTitle),
    close: plain(t.close),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }],
  };
}
