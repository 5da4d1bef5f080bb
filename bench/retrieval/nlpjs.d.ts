/** The few parts of @nlpjs/nlu (plain JavaScript, no types) that the retrieval benchmark uses. */
declare module '@nlpjs/nlu' {
  export interface Classification {
    intent: string;
    score: number;
  }
  export class NluNeural {
    constructor(settings?: Record<string, unknown>);
    settings: Record<string, unknown>;
    train(corpus: { utterance: string; intent: string }[], settings?: Record<string, unknown>): Promise<unknown>;
    process(utterance: string, settings?: Record<string, unknown>): Promise<{ classifications: Classification[] }>;
    prepare(text: unknown, settings?: Record<string, unknown>): Promise<unknown>;
  }
}
