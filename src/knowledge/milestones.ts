/**
 * An agreement's milestones, in the order the Korean procedure takes them: agreed, initialed, the
 * cabinet's approval (국무회의 의결, before the signing), signed, the National Assembly's consent
 * (`ratified`), in force. Apart from the schema, because the core needs the list on every question
 * and the schema module would bring zod onto `sma ask`'s start-up.
 */
export const MILESTONE_KEYS = ['agreed', 'initialed', 'cabinet', 'signed', 'ratified', 'inForce'] as const;
export type MilestoneKey = (typeof MILESTONE_KEYS)[number];

/** The milestones that show the text was concluded (anything later implies it). */
export const CONCLUDING: readonly MilestoneKey[] = ['agreed', 'initialed', 'cabinet', 'signed'];
