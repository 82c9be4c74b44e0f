import express, { Router, type Request, type Response } from 'express';
import { sweepAccess } from '../../src/access/sweep-access.js';
import {
  replaceMentions,
  replaceMoments,
  utcTime,
  type ChatMessage,
  personName,
  type Person,
} from '../../src/messages/chat-message.js';
import type { ChatUser } from '../../src/ports/chat-user.js';
import type { Services } from '../../src/services.js';
import type { OffsetClock } from './sandbox-clock.js';
import { dmChannel, type SandboxInbox, type SandboxUser } from './sandbox-inbox.js';
import {
  errorOutcome,
  runSandboxAction,
  runSandboxCommand,
  submitSandboxForm,
  type SandboxOutcome,
} from './sandbox-interactions.js';
import { GALLERY_PAGE } from './sandbox-gallery-page.js';
import { galleryView } from './sandbox-gallery.js';
import { SANDBOX_PAGE } from './sandbox-page.js';

export const SANDBOX_PATH = '/sandbox';
/** Fast-forward moves time in these steps, sweeping after each, so reminders come before the end. */
const FAST_FORWARD_STEP_MS = 5 * 60_000;

/** Whether jobs are still waiting or running (fast-forward waits for them). */
export interface QueuedJobs {
  busy(): Promise<boolean>;
}

export interface SandboxPlatform {
  inbox: SandboxInbox;
  clock: OffsetClock;
}

/** The sandbox chat console: its page and the JSON API the page calls. */
export function createSandboxFrontEnd(
  sandbox: SandboxPlatform,
  services: Services,
  jobs: QueuedJobs,
): Router {
  const { inbox, clock } = sandbox;
  const router = Router();
  /** Chart PNGs by post id (in memory, like the posts). */
  const images = new Map<string, Buffer>();
  router.use(`${SANDBOX_PATH}/api`, express.json({ limit: '64kb' }));

  router.get(SANDBOX_PATH, (_req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(SANDBOX_PAGE);
  });

  router.get(`${SANDBOX_PATH}/gallery`, (_req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(GALLERY_PAGE);
  });
  router.get(`${SANDBOX_PATH}/api/gallery`, (_req, res) => {
    res.json({ kinds: galleryView(clock.now()) });
  });

  router.get(`${SANDBOX_PATH}/api/users`, (_req, res) => {
    res.json({ users: inbox.users, channels: inbox.channels });
  });

  /** What `user` sees now: the page's whole state (small: the sandbox holds a demo's worth). */
  const viewOf = (user: SandboxUser) => {
    const displayName = (person: Person) =>
      person.ids.sandbox
        ? `@${inbox.user(person.ids.sandbox)?.name ?? personName(person)}`
        : personName(person);
    return {
      now: clock.now().toISOString(),
      ready: inbox.demoReady,
      dm: dmChannel(user.id),
      messages: inbox.visibleTo(user.id).map((post) => ({
        ...post,
        message: withMentions(post.message, (text) =>
          replaceMoments(replaceMentions(text, displayName), utcTime),
        ),
      })),
    };
  };

  /** Switching user is just asking for what another person sees. */
  router.get(`${SANDBOX_PATH}/api/messages`, (req, res) => {
    const user = inbox.user(String(req.query.user ?? ''));
    if (!user) return void res.status(404).json({ error: 'unknown sandbox user' });
    res.json(viewOf(user));
  });

  /** Server-sent events: the view again after every change (coalesced), instead of polling. */
  router.get(`${SANDBOX_PATH}/api/events`, (req, res) => {
    const user = inbox.user(String(req.query.user ?? ''));
    if (!user) return void res.status(404).json({ error: 'unknown sandbox user' });
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    let queued = false;
    const send = () => {
      queued = false;
      res.write(`data: ${JSON.stringify(viewOf(user))}\n\n`);
    };
    const onChange = () => {
      if (queued) return;
      queued = true;
      setTimeout(send, 25);
    };
    send();
    const stopFollowing = inbox.onChange(onChange);
    const stopClosing = inbox.onClose(() => res.end());
    req.on('close', () => {
      stopFollowing();
      stopClosing();
    });
  });

  router.get(['/favicon.ico', `${SANDBOX_PATH}/favicon.svg`], (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG);
  });

  const interaction =
    (work: (req: Request, user: ChatUser) => Promise<SandboxOutcome>) =>
    async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const userId = String(body.user ?? '');
      if (!inbox.user(userId)) return void res.status(404).json({ error: 'unknown sandbox user' });
      let outcome: SandboxOutcome;
      try {
        outcome = await work(req, { platform: 'sandbox', id: userId });
      } catch (error) {
        outcome = errorOutcome(services, error);
      }
      const channel = typeof body.channel === 'string' ? body.channel : dmChannel(userId);
      if (outcome.reply) {
        const post = inbox.add(channel, outcome.reply, userId);
        if (outcome.image) {
          images.set(post.id, outcome.image.png);
          post.image = { url: `${SANDBOX_PATH}/api/images/${post.id}.png`, alt: outcome.image.alt };
        }
      }
      res.json({ form: outcome.form, errors: outcome.errors });
    };
  router.get(`${SANDBOX_PATH}/api/images/:file`, (req, res) => {
    const png = images.get(req.params.file.replace(/\.png$/, ''));
    if (!png) return void res.status(404).json({ error: 'no such image' });
    res.type('png').set('Cache-Control', 'private, max-age=3600').send(png);
  });

  const field = (req: Request, name: string) => String((req.body as Record<string, unknown>)[name] ?? '');

  router.post(
    `${SANDBOX_PATH}/api/command`,
    interaction((req, user) =>
      runSandboxCommand(services, user, field(req, 'text'), field(req, 'channel') || undefined),
    ),
  );
  router.post(
    `${SANDBOX_PATH}/api/action`,
    interaction((req, user) => runSandboxAction(services, user, field(req, 'actionId'), field(req, 'value'))),
  );
  router.post(
    `${SANDBOX_PATH}/api/form`,
    interaction((req, user) => {
      const values = (req.body as { values?: unknown }).values;
      const strings = Object.fromEntries(
        Object.entries(typeof values === 'object' && values !== null ? values : {}).map(([k, v]) => [
          k,
          String(v),
        ]),
      );
      return submitSandboxForm(services, user, field(req, 'formId'), field(req, 'context'), strings);
    }),
  );

  router.post(`${SANDBOX_PATH}/api/fast-forward`, async (req, res) => {
    const minutes = Math.min(
      Math.max(Number((req.body as { minutes?: unknown }).minutes ?? 60) || 60, 5),
      24 * 60,
    );
    let swept = { ended: 0, timedOut: 0, reminded: 0, requeued: 0 };
    for (let moved = 0; moved < minutes * 60_000; moved += FAST_FORWARD_STEP_MS) {
      clock.advance(FAST_FORWARD_STEP_MS);
      const result = await sweepAccess(services.access);
      swept = {
        ended: swept.ended + result.ended,
        timedOut: swept.timedOut + result.timedOut,
        reminded: swept.reminded + result.reminded,
        requeued: swept.requeued + result.requeued,
      };
      // What this step caused (a reminder, an expiry's messages) lands before the clock moves on,
      // so it is stamped with the time it belongs to.
      await deliveriesSettled(services, jobs);
    }
    inbox.changed();
    services.log.info({ minutes, ...swept }, 'sandbox clock moved forward');
    res.json({ now: clock.now().toISOString(), ...swept });
  });

  return router;
}

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#3f0e40"/>' +
  '<path d="M16 6 27 12 16 18 5 12Z M5 17l11 6 11-6 M5 22l11 6 11-6" fill="none" stroke="#ff3621" stroke-width="2.5"/></svg>';

/** How long fast-forward waits, per step, for the deliveries and jobs a sweep caused. */
const SETTLE_TIMEOUT_MS = 15_000;

/**
 * Waits until no sandbox delivery is pending and no access job is waiting or running (an expiry's
 * SCIM removal queues its messages when it is done), twice in a row; bounded.
 */
async function deliveriesSettled(services: Services, jobs: QueuedJobs): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let quietChecks = 0;
  while (quietChecks < 2 && Date.now() < deadline) {
    const [pending, busy] = await Promise.all([
      services.db
        .selectFrom('message_deliveries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('state', '=', 'pending')
        .where('platform', '=', 'sandbox')
        .executeTakeFirstOrThrow(),
      jobs.busy(),
    ]);
    quietChecks = Number(pending.n) === 0 && !busy ? quietChecks + 1 : 0;
    if (quietChecks < 2) await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

function withMentions(message: ChatMessage, render: (text: string) => string): ChatMessage {
  return {
    ...message,
    title: render(message.title),
    ...(message.body ? { body: message.body.map(render) } : {}),
    ...(message.fields
      ? { fields: message.fields.map((f) => ({ label: f.label, value: render(f.value) })) }
      : {}),
    ...(message.context ? { context: message.context.map(render) } : {}),
  };
}
