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
