import type { FakeSlackIdentity } from './fake-slack-workspace.js';
import { checkView } from './slack-limits.js';
import { fail, missing, ok, str } from './slack-method-results.js';
import type { MethodParams, MethodResult } from './slack-method-results.js';

/**
 * Modals and Home tabs: views.open/push (a trigger_id is single-use), views.update (by view_id
 * or external_id, honouring `hash`) and views.publish (one Home view per user).
 */
export class FakeSlackViews {
  private readonly views = new Map<string, MethodParams>();
  private readonly homeViews = new Map<string, string>();
  private readonly usedTriggers = new Set<string>();

  constructor(
    private readonly identity: FakeSlackIdentity,
    private readonly nextId: (prefix: string) => string,
  ) {}

  /** The view as last opened/updated, with the fields Slack adds (id, hash, state, ...). */
  view(id: string): MethodParams | undefined {
    return this.views.get(id);
  }

  clear(): void {
    this.views.clear();
    this.homeViews.clear();
    this.usedTriggers.clear();
  }

  open(p: MethodParams): MethodResult {
    const trigger = str(p.trigger_id) ?? str(p.interactivity_pointer);
    if (trigger === undefined) return missing('trigger_id');
    if (p.view === undefined) return missing('view');
    if (this.usedTriggers.has(trigger)) return fail('exchanged_trigger_id');
    const invalid = checkView(p.view);
    if (invalid) return invalid;
    this.usedTriggers.add(trigger);
    return ok({ view: this.store(this.nextId('V'), p.view as MethodParams, undefined) });
  }

  update(p: MethodParams): MethodResult {
    if (p.view === undefined) return missing('view');
    const id = str(p.view_id) ?? this.idByExternalId(str(p.external_id));
    if (id === undefined) return str(p.external_id) ? fail('not_found') : missing('view_id');
    const current = this.views.get(id);
    if (current === undefined) return fail('not_found');
    if (str(p.hash) !== undefined && str(p.hash) !== current.hash) return fail('hash_conflict');
    return checkView(p.view) ?? ok({ view: this.store(id, p.view as MethodParams, current) });
  }

  publish(p: MethodParams): MethodResult {
    const userId = str(p.user_id);
    if (userId === undefined) return missing('user_id');
    if (p.view === undefined) return missing('view');
    const invalid = checkView(p.view);
    if (invalid) return invalid;
    const id = this.homeViews.get(userId) ?? this.nextId('V');
    this.homeViews.set(userId, id);
    return ok({ view: this.store(id, p.view as MethodParams, this.views.get(id)) });
  }

  private store(id: string, view: MethodParams, previous: MethodParams | undefined): MethodParams {
    const stored: MethodParams = {
      id,
      team_id: this.identity.teamId,
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      ...view,
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${this.nextId('h')}`,
      previous_view_id: null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: this.identity.appId,
      app_installed_team_id: this.identity.teamId,
      bot_id: this.identity.botId,
    };
    this.views.set(id, stored);
    return stored;
  }

  private idByExternalId(externalId: string | undefined): string | undefined {
    if (externalId === undefined) return undefined;
    const found = [...this.views.values()].find((v) => v.external_id === externalId);
    return found === undefined ? undefined : String(found.id);
  }
}
