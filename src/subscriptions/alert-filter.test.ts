import { describe, expect, it } from 'vitest';
import { filterKey, matchesFilter, parseAlertFilter, parseTopic } from './alert-filter.js';

describe('alert filters', () => {
  it('parses topics and refuses unknown ones with the list', () => {
    expect(parseTopic('Cost')).toBe('cost');
    expect(() => parseTopic('weather')).toThrow(
      '"weather" is not a topic. Topics: access, connectors, cost, security.',
    );
    expect(() => parseTopic(undefined)).toThrow('Topics: access');
  });

  it('parses filters into a canonical key', () => {
    const filter = parseAlertFilter(['severity:warning', 'Workspace:Prod']);
    expect(filter).toEqual({ workspace: 'prod', severity: 'warning' });
    expect(filterKey(filter)).toBe('workspace:prod severity:warning');
    expect(() => parseAlertFilter(['team:data'])).toThrow('"team:data" is not a filter');
    expect(() => parseAlertFilter(['severity:loud'])).toThrow('"loud" is not a severity');
  });

  it('matches every named attribute, with severity as a minimum', () => {
    const filter = parseAlertFilter(['workspace:prod', 'severity:warning']);
    expect(matchesFilter(filter, { workspace: 'PROD', severity: 'critical' })).toBe(true);
    expect(matchesFilter(filter, { workspace: 'prod', severity: 'info' })).toBe(false);
    expect(matchesFilter(filter, { workspace: 'dev', severity: 'critical' })).toBe(false);
    expect(matchesFilter({}, { group: 'anything' })).toBe(true);
  });
});
