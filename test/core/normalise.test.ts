/** The normaliser: the same words must come out of a question however it is typed. */
import { describe, expect, it } from 'vitest';
import { Normaliser, basicTokens } from '../../src/core/normalise.js';
import { closestWord, osaDistance } from '../../src/core/spelling.js';

const lexicon = {
  synonyms: {
    sma: ['special measures agreement'],
    korea: ['south korea', 'seoul', 'rok'],
    us: ['united states', 'america'],
    usfk: ['us forces korea'],
    round: ['rounds', 'meeting'],
  },
  stopwords: ['the', 'is', 'when', 'what', 'of', 'a'],
  offTopic: ['germany', 'free trade agreement'],
  publishers: [],
  timeWords: {},
  koreanEndings: [],
  koreanPredicateEndings: [],
};

function normaliser() {
  const n = new Normaliser(lexicon);
  n.learnVocabulary(['When is the next round?', 'Where is the second round?', 'What is the Special Measures Agreement?', 'furlough of workers']);
  return n;
}

describe('normalise', () => {
  it('folds case, width, accents, apostrophes and punctuation', () => {
    expect(basicTokens('ＷＨＡＴ’s the S.M.A.?!')).toEqual(['what', 'is', 'the', 's', 'm', 'a']);
    expect(basicTokens('Seoul’s café — U.S. share')).toEqual(['seoul', 'cafe', 'us', 'share']);
    expect(basicTokens('1,038.9 billion won')).toEqual(['1038.9', 'billion', 'won']);
  });

  it('folds curated synonyms, longest phrase first, on both sides', () => {
    const n = normaliser();
    expect(n.query('What is the Special Measures Agreement?').content).toEqual(['sma']);
    expect(n.query('South Korea and the United States').content).toEqual(['korea', 'and', 'us']);
    expect(n.contentOf('US Forces Korea meeting')).toEqual(['usfk', 'round']);
  });

  it('corrects typos against the knowledge vocabulary but leaves short and unknown words alone', () => {
    const n = normaliser();
    expect(n.query('wher is the secnd round').text).toBe('where is the second round');
    expect(n.query('when is the nxet rund').text).toContain('next');
    const q = n.query('population of zanzibar');
    expect(q.unknown).toEqual(['popul', 'zanzibar']);
  });

  it('turns number words into digits and ordinals', () => {
    const n = normaliser();
    expect(n.query('the second round').content).toEqual(['2nd', 'round']);
    expect(n.query('the tenth SMA').content).toEqual(['10th', 'sma']);
  });

  it('keeps words that name members of a plain JavaScript object ("constructor")', () => {
    const q = normaliser().query('the constructor of the SMA');
    expect(q.content).toEqual(['constructor', 'sma']);
    expect(q.unknown).toEqual(['constructor']);
  });

  it('finds years and off-topic subjects', () => {
    const n = normaliser();
    expect(n.query('How much in 2019 and 2021?').years).toEqual([2019, 2021]);
    expect(n.query('How much does Germany pay?').offTopic).toEqual(['germany']);
    expect(n.query('terms of the free trade agreement').offTopic).toEqual(['free trade agreement']);
  });
});

describe('spelling', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(osaDistance('nxet', 'next', 2)).toBe(1);
    expect(osaDistance('secnd', 'second', 2)).toBe(1);
    expect(osaDistance('weather', 'whether', 3)).toBe(2);
  });
  it('allows one edit up to seven letters, and never corrects words under four', () => {
    expect(closestWord('furlogh', ['furlough', 'further'])).toBe('furlough');
    expect(closestWord('weather', ['whether'])).toBeUndefined();
    expect(closestWord('wher', ['when', 'where'])).toBe('where');
    expect(closestWord('nxt', ['next'])).toBeUndefined();
  });

  it('prefers, between two words one edit away, the one the typed word only left a letter out of', () => {
    expect(closestWord('seatle', ['settle', 'seattle'])).toBe('seattle');
    expect(closestWord('seatle', ['seattle', 'settle'])).toBe('seattle');
  });
});
