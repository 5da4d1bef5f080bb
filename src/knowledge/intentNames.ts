/**
 * The intents the router knows, apart from the schema that validates `intents.yaml` by them: the
 * core needs the names on every question, and the schema module would bring zod (95 modules) onto
 * `sma ask`'s start-up.
 */
export const INTENT_NAMES = ['help', 'sources', 'round', 'rounds', 'next-round', 'latest-round', 'negotiators', 'contribution', 'agreement', 'summary'] as const;
export type IntentName = (typeof INTENT_NAMES)[number];
