/**
 * The report as the chat commands give it (`/sma report` in Slack, `/sma-admin report` in Discord):
 * the last 30 days, compact within the platform's limit, from the same report and formatter as
 * `sma report`. A store that cannot be read gets the platform's notice instead, never an error.
 */
import type { PlatformCatalogue } from '../adapters/i18n/types.js';
import { StoreUnavailableError } from '../announce/store.js';
import type { Knowledge } from '../knowledge/schema.js';
import { DAY_MS } from './questionLog.js';
import { buildReport, type Report, type ReportSources } from './report.js';
import { reportText } from './reportText.js';

/** Builds the report for the chat commands (the last CHAT_REPORT_DAYS, real clock). */
export type ReportProvider = () => Promise<Report>;

export const CHAT_REPORT_DAYS = 30;

export function reportProvider(sources: ReportSources, o: { retentionDays: number; questionLog: boolean; knowledge?: () => Knowledge; now?: () => Date }): ReportProvider {
  return () => {
    const now = o.now?.() ?? new Date();
    const kb = o.knowledge?.();
    return buildReport(sources, {
      since: new Date(now.getTime() - CHAT_REPORT_DAYS * DAY_MS),
      now,
      retentionDays: o.retentionDays,
      questionLog: o.questionLog,
      ...(kb ? { knowledge: kb } : {}),
    });
  };
}

/** The compact text within `limit` characters, or why there is none. */
export async function chatReport(provider: ReportProvider | undefined, limit: number, t: PlatformCatalogue): Promise<string> {
  if (!provider) return t.common.reportOff;
  try {
    return reportText(await provider(), { limit });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return t.common.reportUnavailable(error);
    throw error;
  }
}
