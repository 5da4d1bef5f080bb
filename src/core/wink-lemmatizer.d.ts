/** The part of wink-lemmatizer the normaliser uses (the package ships no types). */
declare module 'wink-lemmatizer' {
  const lemmatizer: {
    /** The base form of a verb ("sent" → "send"); the word itself when it knows none. */
    verb(word: string): string;
  };
  export default lemmatizer;
}
