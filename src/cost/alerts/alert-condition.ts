import type { MessageField, Severity } from '../../messages/chat-message.js';

/**
 * What one rule found for one scope and period at one evaluation. `level` 0 means the condition
 * is clear; higher is worse (a budget's thresholds, a runaway cluster over one without
 * auto-termination).
 */
export interface AlertCondition {
  /** The scope resolved: `account`, `workspace:<id>`, `tag:team=ml`, `job:<ws>/<id>`, `cluster:<ws>/<id>`. */
  scopeKey: string;
  scopeLabel: string;
  /** `2026-11`, `2026-11-23`, a run id, a running streak's first hour. */
  periodKey: string;
  level: number;
  severity: Severity;
  /** Figures include the last 24 hours, which are still arriving. */
  provisional: boolean;
  /** For channel filters (`workspace:prod`): the workspace's name, when the scope has one. */
  workspace?: string;
  title: string;
  body: string[];
  fields: MessageField[];
}

/** An alert's stored content: the condition's words, without state or buttons. */
export type AlertContent = Pick<AlertCondition, 'title' | 'body' | 'fields'>;
