/**
 * The bot's one conversation service for `npm start`: in memory, or in Postgres when DATABASE_URL
 * is set (several instances behind a load balancer: any of them can answer the next turn of a
 * conversation). The Postgres client is imported only then.
 */
import type { Responder } from '../core/answer.js';
import type { QuestionLog } from '../curation/questionLog.js';
import type { Logger } from '../log.js';
import { ConversationService } from './service.js';

export interface OpenConversations {
  service: ConversationService;
  close(): Promise<void>;
}

export async function openConversations(databaseUrl: string | undefined, responder: Responder, logger: Logger, questionLog?: QuestionLog): Promise<OpenConversations> {
  const log = questionLog ? { questionLog } : {};
  if (!databaseUrl) return { service: new ConversationService(responder, { logger, ...log }), close: async () => {} };
  const [{ connectPostgres }, { PostgresConversationState }] = await Promise.all([import('../announce/postgresStore.js'), import('../state/conversationState.js')]);
  const sql = connectPostgres(databaseUrl, { max: 2, applicationName: 'sma-bot state' });
  return {
    service: new ConversationService(responder, { state: new PostgresConversationState(sql), logger, ...log }),
    close: () => sql.end({ timeout: 1 }),
  };
}
