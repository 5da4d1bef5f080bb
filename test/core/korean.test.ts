/** Korean typos matched on jamo: the cheap letter-count bound must never skip a word within reach. */
import { describe, expect, it } from 'vitest';
import { KoreanWords } from '../../src/core/understand/korean.js';

function words() {
  const k = new KoreanWords([]);
  k.learn(['방위비분담금', '주한미군', '협상'], []);
  return k;
}

describe('Korean typo correction', () => {
  it('corrects one wrong jamo, and two in a long word', () => {
    expect(words().split('주한미국')).toEqual(['주한미군']);
    expect(words().split('방위비분당금')).toEqual(['방위비분담금']);
    expect(words().split('방위비분당근')).toEqual(['방위비분담금']);
  });

  it('corrects two swapped jamo as one edit (their letters are the same)', () => {
    // 협상 is ㅎㅕㅂㅅㅏㅇ; 혓방 is ㅎㅕㅅㅂㅏㅇ.
    expect(words().split('혓방')).toEqual(['협상']);
  });

  it('corrects a jamo left out or added', () => {
    expect(words().split('주한미그')).toEqual(['주한미군']);
    expect(words().split('협상ㅇ')).toEqual(['협상']);
  });

  it('leaves a word with more letters of its own than the edits allow as it is', () => {
    expect(words().split('날씨')).toEqual(['날씨']);
    expect(words().split('주한대사')).toEqual(['주한대사']);
  });
});

describe('Korean verb forms', () => {
  const k = new KoreanWords(['은', '는', '이', '가'], ['면서', '다가', '잖아']);
  k.learn(['금액', '부대의견', '주한미군', '어떻게'], []);

  it('a listed connective ending, a past stem, or -아서/-어서 fused into an open stem make a predicate', () => {
    for (const w of ['나오면서', '미루다가', '맡았잖아', '늘어났어', '했고', '가서', '해서', '와서']) expect(k.isPredicate(w, '금액'), w).toBe(true);
    // 문서, 각서 end in 서 after another vowel or a final consonant: nouns.
    for (const w of ['문서', '각서']) expect(k.isPredicate(w, '금액'), w).toBe(false);
  });

  it('a modifier is one only before a noun the record knows, and only with a stem no Sino-Korean noun ends like', () => {
    expect(k.isPredicate('부른', '금액')).toBe(true);
    expect(k.isPredicate('붙은', '부대의견')).toBe(true);
    expect(k.isPredicate('부르는', '금액')).toBe(true);
    // A topic: 독일 and 학력 end as Sino-Korean syllables do, and 어떻게 asks.
    expect(k.isPredicate('독일은', '주한미군')).toBe(false);
    expect(k.isPredicate('붙은', '어떻게')).toBe(false);
    expect(k.isPredicate('부른', '날씨')).toBe(false);
  });

  it('"-고" is a predicate before 있다, and a verb made a noun only at the end of the question', () => {
    expect(k.isPredicate('되고', '있어')).toBe(true);
    expect(k.isPredicate('부름')).toBe(true);
    expect(k.isPredicate('부름', '금액')).toBe(false);
  });
});
