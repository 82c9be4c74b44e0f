import { InvalidInput } from '../errors/domain-errors.js';
import type { Severity } from '../messages/chat-message.js';
import { closestWord } from '../text/closest-word.js';

export const TOPICS = ['access', 'connectors', 'cost', 'security'] as const;
export type Topic = (typeof TOPICS)[number];

const SEVERITY_ORDER: Severity[] = ['info', 'success', 'warning', 'critical'];
const FILTER_KEYS = ['workspace', 'region', 'group', 'severity'] as const;
const MAX_FILTER_VALUE = 200;

/** Narrows a subscription: every named attribute must match; severity is a minimum. */
export interface AlertFilter {
  workspace?: string;
  region?: string;
  group?: string;
  severity?: Severity;
}

/** What an alert says about itself, for matching against filters. */
export type AlertAttributes = AlertFilter;

export function parseTopic(text: string | undefined): Topic {
  const topic = (text ?? '').toLowerCase();
  if (!(TOPICS as readonly string[]).includes(topic)) {
    const meant = text ? closestWord(text, TOPICS) : undefined;
    throw new InvalidInput(
      `${text ? `"${text.slice(0, 80)}" is not a topic. ` : ''}${meant ? `Did you mean ${meant}? ` : ''}Topics: ${TOPICS.join(', ')}.`,
    );
  }
  return topic as Topic;
}

/** Parses `workspace:prod severity:warning` into a filter; unknown keys are refused with the valid ones. */
export function parseAlertFilter(words: string[]): AlertFilter {
  const filter: AlertFilter = {};
  for (const word of words) {
    const [key, ...rest] = word.split(':');
    const value = rest.join(':').trim();
    if (!key || value === '' || !(FILTER_KEYS as readonly string[]).includes(key.toLowerCase())) {
      throw new InvalidInput(
        `"${word.slice(0, 80)}" is not a filter. Use ${FILTER_KEYS.map((k) => `${k}:<value>`).join(', ')}.`,
      );
    }
    if (value.length > MAX_FILTER_VALUE) {
      throw new InvalidInput(
        `A filter value is at most ${MAX_FILTER_VALUE} characters; "${key}:" has ${value.length}.`,
      );
    }
    const name = key.toLowerCase() as (typeof FILTER_KEYS)[number];
    if (name === 'severity') {
      if (!SEVERITY_ORDER.includes(value as Severity)) {
        throw new InvalidInput(`"${value}" is not a severity. Use info, warning or critical.`);
      }
      filter.severity = value as Severity;
    } else {
      filter[name] = value.toLowerCase();
    }
  }
  return filter;
}

/** A canonical text form, so the same filter written twice is one subscription. */
export function filterKey(filter: AlertFilter): string {
  return FILTER_KEYS.filter((key) => filter[key] !== undefined)
    .map((key) => `${key}:${filter[key]}`)
    .join(' ');
}

export function matchesFilter(filter: AlertFilter, alert: AlertAttributes): boolean {
  for (const key of ['workspace', 'region', 'group'] as const) {
    if (filter[key] !== undefined && filter[key] !== alert[key]?.toLowerCase()) return false;
  }
  if (filter.severity !== undefined) {
    const at = SEVERITY_ORDER.indexOf(alert.severity ?? 'info');
    if (at < SEVERITY_ORDER.indexOf(filter.severity)) return false;
  }
  return true;
}
