/**
 * The platform catalogue, Korean: the same texts as en.ts, in 합니다체 where the bot speaks to the
 * user and in headline style (기사 제목체) for announcements, with dates in Korean press style
 * (format.ts) and particles fitted to the word before them (josa.ts).
 */
import type { Language } from '../../core/answer.js';
import { formatDate, formatRange, listing } from '../../core/format.js';
import { josa } from '../../core/i18n/josa.js';
import type { MilestoneKey, PlatformCatalogue, RoundStatus } from './types.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: '영어', ko: '한국어' };
const date = (d: string) => formatDate(d, 'ko');
const range = (start: string, end?: string) => formatRange(start, end, 'ko');

/** A round that was postponed, cancelled or held before it was scheduled again. */
const BEFORE: Record<RoundStatus, string> = { scheduled: '예정됐던', postponed: '연기됐던', cancelled: '취소됐던', held: '열린 것으로 기록됐던' };
/** "정은보 대표와 도나 웰턴 대표가 서명했다": who acted on a milestone. */
const BY: Record<MilestoneKey, (people: string) => string> = {
  agreed: (p) => `${josa(p, '이/가')} 합의했다.`,
  initialed: (p) => `${josa(p, '이/가')} 가서명했다.`,
  signed: (p) => `${josa(p, '이/가')} 서명했다.`,
  ratified: (p) => `${p}의 비준 동의를 받았다.`,
  inForce: (p) => `참여: ${p}.`,
};

export const ko: PlatformCatalogue = {
  lang: 'ko',
  languageName: (l) => LANGUAGE_NAMES[l],

  common: {
    sorry: '지금은 답변하지 못했습니다. 잠시 후 다시 시도해 주세요.',
    apology: '답변하는 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.',
    paused: (p) =>
      `협상 소식 알림과 구독 관리가 일시 중지됐습니다. 봇이 저장소를 쓸 수 없습니다(${p.location}: ${p.reason}). 질문에는 계속 답하며, 저장소가 다시 작동하면 알림은 저절로 재개됩니다. 자세한 내용은 봇 운영자의 로그에 있습니다.`,
    reportUnavailable: (p) => `지금은 보고서를 읽을 수 없습니다. 봇이 저장소를 쓸 수 없습니다(${p.location}: ${p.reason}). 질문에는 계속 답합니다.`,
    reportOff: '이 봇에서는 보고서 기능이 켜져 있지 않습니다(봇의 저장소가 필요합니다).',
    chartsOff: '이 봇에서는 차트 기능이 켜져 있지 않습니다.',
    operatorChannel: '봇 운영자가 지정',
    thisChannel: '이 채널',
    andMore: (n) => `외 ${n}개`,
  },

  feedback: {
    up: '도움이 됐어요',
    down: '도움이 안 됐어요',
    thanks: (value, result, withReason) => {
      const emoji = value === 'up' ? '👍' : '👎';
      if (result === 'same') return withReason ? `감사합니다. ${emoji} 평가와 이유는 이미 기록돼 있습니다.` : `이 답변에는 이미 ${emoji} 평가를 하셨습니다.`;
      const reason = withReason ? '와 이유를' : '를';
      return result === 'new' ? `감사합니다. ${emoji} 평가${reason} 기록했습니다.` : `감사합니다. 평가를 ${emoji}(으)로 바꿨습니다.${withReason ? ' 이유도 기록했습니다.' : ''}`;
    },
    failed: '죄송합니다. 지금은 평가를 기록하지 못했습니다. 잠시 후 다시 시도해 주세요.',
    yourReason: '입력하신 이유:',
    unreadable: '어느 답변에 대한 평가인지 알 수 없습니다. 다시 질문하신 뒤 새 답변에 평가해 주세요.',
    notEnabled: '답변 평가에는 봇의 저장소가 필요한데, 이 봇에서는 사용하지 않습니다.',
    modalTitle: '무엇이 문제였나요?',
    reasonLabel: '이유(선택, 한 줄)',
    reasonPlaceholder: '예: 수치가 오래됐습니다',
    submit: '👎 보내기',
    cancel: '취소',
    close: '닫기',
    consoleHelp: '답변 뒤에 "+"를 입력하면 도움이 됐다는 평가, "-"는 도움이 안 됐다는 평가입니다("- 이유"로 이유도 남길 수 있습니다).',
    nothingToVoteOn: '평가할 기록 답변이 없습니다. 먼저 질문하신 뒤 답변이 나오면 "+" 또는 "-"를 입력해 주세요.',
  },

  language: {
    saved: (scope, l) =>
      scope === 'user'
        ? `이제부터 어떤 언어로 질문하셔도 ${josa(LANGUAGE_NAMES[l], '으로/로')} 답합니다. \`auto\`를 고르면 다시 질문한 언어로 답합니다.`
        : `이제부터 이 채널에서는 모두에게 ${josa(LANGUAGE_NAMES[l], '으로/로')} 답합니다(개인별로 언어를 정한 사람은 제외). \`auto\`를 고르면 다시 질문한 언어로 답합니다.`,
    cleared: (scope) =>
      scope === 'user' ? '다시 질문한 언어(한국어 또는 영어)로 답합니다.' : '이 채널의 답변 언어 설정을 지웠습니다. 질문한 언어(또는 각자 정한 언어)로 답합니다.',
    unchanged: (scope, l) =>
      l
        ? `${scope === 'user' ? '답변 언어는' : '이 채널의 답변 언어는'} 이미 ${josa(LANGUAGE_NAMES[l], '으로/로')} 정해져 있습니다.`
        : `${scope === 'user' ? '정해 둔 답변 언어가' : '이 채널에 정해 둔 답변 언어가'} 없습니다. 질문한 언어로 답합니다.`,
    notSaved: (p) => `설정을 저장하지 못했습니다. 지금은 봇이 저장소를 쓸 수 없습니다(${p.location}: ${p.reason}). 저장소가 복구될 때까지는 질문한 언어로 답합니다.`,
    notEnabled: '답변 언어를 정하려면 봇의 저장소가 필요한데, 이 봇에서는 켜져 있지 않습니다. 질문한 언어로 답합니다.',
    current: (user, channel) =>
      [
        `내 답변 언어: ${user ? LANGUAGE_NAMES[user] : '없음(질문한 언어)'}.`,
        `이 채널: ${channel ? LANGUAGE_NAMES[channel] : '없음'}.`,
        '개인 설정이 먼저이고, 다음은 채널 설정, 그다음은 질문한 언어, 마지막은 영어입니다.',
      ].join(' '),
    unavailable: (p) => `지금은 언어 설정을 읽을 수 없습니다(${p.location}: ${p.reason}). 질문한 언어로 답합니다.`,
    channelNeedsManage: '채널 전체의 답변 언어를 정하려면 채널 관리(Manage Channels) 권한이 필요합니다. 내 답변 언어는 `scope: me`로 정할 수 있습니다.',
  },

  slack: {
    unknownButton: '이전 답변의 버튼이라 무엇을 물었는지 알 수 없습니다. `/sma`와 질문을 다시 입력해 주세요.',
    share: '채널에 공유',
    sharedBy: (user) => `${user} 님이 공유함`,
    sourcesLabel: () => '출처',
    asOf: (d) => `${date(d)} 기준`,
    andMore: (n) => ` 외 ${n}건`,
    noAnswer: '(답변 없음)',
    helpIntro: '한미 방위비분담특별협정(SMA) 협상에 관한 질문에 답합니다.',
    helpCommands: '명령어',
    helpElsewhere: '채널에서 저를 멘션하면 스레드에 답하고, DM으로 물어도 됩니다. ' + '`/sma` 답변은 *채널에 공유*를 누르기 전까지 나에게만 보입니다.',
    helpFallback: (usages) => `SMA 협상에 관해 물어보세요: ${usages.join(', ')}. 멘션이나 DM으로도 물을 수 있습니다.`,
    helpQuestion: { usage: '/sma <질문>', description: '질문에 답합니다. 예: `/sma 올해 방위비 분담금은 얼마야?`' },
    subcommands: {
      'next-round': '다음 협상 회의 일정',
      rounds: '지금까지 열린 회의, 또는 특정 협정의 회의(`/sma rounds 11`)',
      summary: '협상의 최근 현황',
      language: '답변 언어: `/sma language ko`, `en`, `auto`. 뒤에 `channel`을 붙이면 이 채널 전체',
      subscribe: '이 채널에 SMA 협상 소식 알림 받기(누가 구독했는지 채널에 표시됨). `/sma subscribe ko`는 한국어 알림',
      unsubscribe: '이 채널의 협상 소식 알림 끄기',
      subscriptions: '협상 소식 알림을 받는 채널 목록',
      report: '운영자가 지정한 관리자용: 답하지 못한 질문, 평가, 선택, 알림 전달 현황(최근 30일)',
      chart: '이 채널에 차트 올리기(`/sma 차트`): 한국의 연도별 분담금, 또는 `회의 12`(제12차 SMA 협상 회의)',
      help: '이 도움말',
    },
    languageUsage:
      '답변 언어를 고르세요: `/sma language ko`(한국어), `/sma language en`(영어), `/sma language auto`(질문한 언어). 채널 전체에 적용하려면 `channel`을 붙이세요: `/sma language ko channel`.',
    languageAnnounced: (user, l) => `${user} 님이 이 채널의 답변 언어를 ${josa(LANGUAGE_NAMES[l], '으로/로')} 정했습니다. 되돌리려면 \`/sma language auto channel\`.`,
    languageCleared: (user) => `${user} 님이 이 채널의 답변 언어 설정을 지웠습니다. 질문한 언어로 답합니다.`,
    someone: '누군가',
    chart: {
      help: '`/sma 차트`(한국의 연도별 분담금)나 `/sma 차트 회의 12`(제12차 SMA 협상 회의)를 입력해 보세요.',
      invite: '이 채널에는 파일을 올릴 수 없습니다. 먼저 저를 초대한 뒤(`/invite @sma`) `/sma 차트`를 다시 실행해 주세요.',
    },
    report: { refused: '죄송합니다. 보고서는 운영자가 지정한 관리자(SLACK_ADMIN_USERS)만 볼 수 있습니다. 관리자나 운영자에게 요청해 주세요.' },
    subscriptions: {
      notEnabled: '이 봇에서는 협상 소식 알림이 켜져 있지 않습니다.',
      channelsOnly: '협상 소식 알림은 채널로 갑니다. 알림을 받을 채널에서 `/sma subscribe`를 실행해 주세요.',
      fixed: '이 채널은 봇 운영자가 ANNOUNCE_SLACK_CHANNELS에 지정해 항상 SMA 협상 소식 알림을 받습니다. 운영자만 바꿀 수 있습니다.',
      already: (l) => `이 채널은 이미 SMA 협상 소식 알림을 받고 있습니다${l === 'ko' ? '(한국어)' : '(영어)'}. 끄려면 \`/sma unsubscribe\`.`,
      inviteFirst: '이 채널에는 글을 올릴 수 없어 구독하지 않았습니다. 먼저 저를 초대한 뒤(`/invite @sma`) `/sma subscribe`를 다시 실행해 주세요.',
      subscribed: '이제 이 채널에 SMA 협상 소식 알림이 옵니다. 끄려면 `/sma unsubscribe`.',
      announced: (user, l) =>
        `${user} 님이 이 채널에서 SMA 협상 소식 알림${l === 'ko' ? '(한국어)' : '(영어)'}을 구독했습니다. 새 회의 일정, 일정 변경, 회의 결과, 협정 소식과 회의 직전 알림이 옵니다. 끄려면 \`/sma unsubscribe\`.`,
      languageChanged: (user, l) => `${user} 님이 이 채널의 SMA 협상 소식 알림을 ${josa(LANGUAGE_NAMES[l], '으로/로')} 바꿨습니다.`,
      notSubscribed: '이 채널은 SMA 협상 소식 알림을 구독하고 있지 않았습니다.',
      unsubscribed: (user) => `${user} 님이 이 채널의 SMA 협상 소식 알림 구독을 해지했습니다.`,
      none: '아직 SMA 협상 소식 알림을 받는 채널이 없습니다. 알림을 받을 채널에서 `/sma subscribe`를 실행해 주세요.',
      listTitle: 'SMA 협상 소식 알림을 받는 채널',
      badLanguage: (word) => `"${word}"는 알 수 없는 언어입니다. \`/sma subscribe ko\`(한국어)나 \`/sma subscribe en\`(영어)을 입력해 주세요.`,
    },
  },

  discord: {
    commands: {
      sma: { name: '방위비', description: '한미 방위비분담특별협정(SMA) 협상에 관해 묻기' },
      admin: { name: '방위비-관리', description: '이 채널의 SMA 협상 소식 알림 관리' },
      sub: {
        ask: { name: '질문', description: 'SMA 협상에 관해 질문하기' },
        'next-round': { name: '다음-회의', description: '다음 협상 회의 일정과 장소' },
        rounds: { name: '회의-목록', description: '지금까지 열린 협상 회의, 또는 특정 협정의 회의' },
        summary: { name: '현황', description: '방위비 분담 협상의 현재 상황' },
        help: { name: '도움말', description: '봇이 아는 내용과 질문하는 방법' },
        chart: { name: '차트', description: '기록으로 그린 차트: 한국의 연도별 분담금, 또는 한 협상의 회의 일정' },
        language: { name: '언어', description: '나(또는 이 채널)에게 답하는 언어: 한국어, 영어, 자동' },
      },
      adminSub: {
        subscribe: { name: '구독', description: '이 채널에 SMA 협상 소식 알림 받기' },
        unsubscribe: { name: '구독-해지', description: '이 채널의 SMA 협상 소식 알림 끄기' },
        subscriptions: { name: '구독-목록', description: '이 서버에서 SMA 협상 소식 알림을 받는 채널 목록' },
        report: { name: '보고서', description: '봇이 답하지 못한 질문, 평가, 선택, 알림 전달 현황(최근 30일)' },
      },
      options: {
        question: { name: '질문', description: '질문을 입력하세요. 예: "올해 방위비 분담금은 얼마야?"' },
        private: { name: '비공개', description: '답변을 나에게만 보이기(기본: 채널의 모두가 봄)' },
        agreement: { name: '협정', description: '어느 특별협정인지(기본: 현재 협상)' },
        kind: { name: '종류', description: '그릴 차트(기본: 연도별 분담금)' },
        chartAgreement: { name: '협정', description: '회의 일정 차트: 어느 SMA 협상인지(기본: 가장 최근)' },
        chartPrivate: { name: '비공개', description: '차트를 나에게만 보이기(기본: 채널의 모두가 봄)' },
        language: { name: '언어', description: '한국어, 영어, 자동(질문한 언어). 비워 두면 현재 설정 보기' },
        scope: { name: '범위', description: '나(기본) 또는 이 채널 전체(채널 관리 권한 필요)' },
        announceLanguage: { name: '언어', description: '알림 언어(기본: 내 답변 언어, 없으면 영어)' },
      },
      choices: {
        contributions: '한국의 연도별 분담금',
        rounds: '협상 회의 일정(타임라인)',
        ko: '한국어',
        en: '영어(English)',
        auto: '자동: 질문한 언어',
        me: '나',
        channel: '이 채널',
      },
      agreementChoice: (n, from, to) => `제${n}차 SMA(${from === to ? `${from}년` : `${from}~${to}년`})`,
    },
    expired: '이전 답변의 버튼이라 무엇을 물었는지 알 수 없습니다. `/sma ask`로 다시 질문해 주세요.',
    outdated: '명령어 정보가 오래됐습니다. 관리자가 `npm run sma -- discord register`로 명령어를 새로 등록할 수 있습니다.',
    defaultTitle: 'SMA 협상',
    sourcesLabel: () => '출처',
    asOf: (formatted) => `${formatted} 기준`,
    helpCommands: '명령어',
    helpPrivate: (option) => `\`${option}: True\`를 붙이면 답변이 나에게만 보입니다.`,
    helpGate: (permissions) => `(${permissions} 권한)`,
    admin: {
      notAvailable: '이 봇에서는 협상 소식 알림이 켜져 있지 않습니다.',
      guildOnly: '협상 소식 알림은 서버 채널로 갑니다. 서버의 채널에서 이 명령어를 사용해 주세요.',
      missingPermissions: (names) => `아직 이 채널에 글을 올릴 수 없습니다. 이 채널에서 ${listing(names, 'ko')} 권한이 필요합니다. 권한을 준 뒤 다시 구독해 주세요.`,
      permissionNames: { ViewChannel: '채널 보기', SendMessages: '메시지 보내기', EmbedLinks: '링크 첨부' },
      subscribed: (l) => `이제 이 채널에 SMA 협상 소식 알림${l === 'ko' ? '(한국어)' : '(영어)'}이 옵니다. 새 회의 일정, 일정 변경, 회의 결과, 협정 소식과 회의 직전 알림입니다.`,
      already: (l) => `이 채널은 이미 SMA 협상 소식 알림${l === 'ko' ? '(한국어)' : '(영어)'}을 받고 있습니다.`,
      languageChanged: (l) => `이제 이 채널의 SMA 협상 소식 알림은 ${josa(LANGUAGE_NAMES[l], '으로/로')} 옵니다.`,
      fixedSubscribe: '이 채널은 봇 운영자가 ANNOUNCE_DISCORD_CHANNELS에 지정해 항상 SMA 협상 소식 알림을 받습니다.',
      unsubscribed: '이제 이 채널에는 SMA 협상 소식 알림이 오지 않습니다.',
      notSubscribed: '이 채널은 SMA 협상 소식 알림을 구독하고 있지 않았습니다.',
      fixedUnsubscribe: '이 채널은 봇 운영자가 ANNOUNCE_DISCORD_CHANNELS에 지정해 알림을 받습니다. 운영자만 끌 수 있습니다.',
      none: '아직 이 서버에서 SMA 협상 소식 알림을 받는 채널이 없습니다. 알림을 받을 채널에서 `/sma-admin subscribe`를 사용해 주세요.',
      listTitle: '이 서버에서 SMA 협상 소식 알림을 받는 채널:',
    },
  },

  announce: {
    prefix: {
      'round-rescheduled': '[일정 변경] ',
      'round-held': '[개최] ',
      'round-postponed': '[연기] ',
      'round-cancelled': '[취소] ',
      'round-reminder': '[곧 시작] ',
    },
    roundTitle: (round, label, agreement) => `${agreement !== undefined ? `제${agreement}차 SMA 협상 ` : ''}${round}차 회의${label ? '(비공식 차수)' : ''}`,
    when: (start, end, rough) => (rough ? `${rough}(${range(start, end)})` : range(start, end)),
    headline: (prefix, title, when, place) => `${prefix}${title}: ${when}, ${place}`,
    was: (start, end, place) => `${range(start, end)} ${place}`,
    heldNoOutcome: '회의는 열렸지만 결과는 아직 기록되지 않았다.',
    hadBeenScheduled: (was) => `당초 ${was}에서 열릴 예정이었다.`,
    previously: (status, was) => `${BEFORE[status]} 회의다${was ? `(당초 ${was})` : ''}.`,
    previousDates: (was) => `이전 일정은 ${josa(was, '이었다/였다')}.`,
    newRound: '방위비 분담 협상의 새 회의 일정이 잡혔다.',
    opens: (place, venue) => `회의는 ${venue ? (venue.includes(place) ? venue : `${place} ${venue}`) : place}에서 열린다.`,
    agreementName: (n, from, to) => `제${n}차 SMA(${from === to ? `${from}년` : `${from}~${to}년`})`,
    milestone: {
      agreed: (name) => `${name} 타결`,
      initialed: (name) => `${name} 가서명`,
      signed: (name) => `${name} 서명`,
      ratified: (name) => `${name} 비준 동의`,
      inForce: (name) => `${name} 발효`,
    },
    milestoneHeadline: (head, d, place) => `${head}: ${date(d)}${place ? `, ${place}` : ''}`,
    by: (key, people) => BY[key](listing(people, 'ko')),
    sourceLabel: '출처',
    sourceDate: (d) => date(d),
  },
};
