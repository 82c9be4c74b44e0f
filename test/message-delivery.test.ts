import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { deliverMessageJob } from '../jobs/deliver-message-job.js';
import { outboxSweeperJob } from '../jobs/outbox-sweeper-job.js';
import { deleteKeysWithPrefix } from './support/test-redis.js';
import type { ChatMessage } from '../src/messages/chat-message.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot.stop();
});

const message = (title: string): ChatMessage => ({
  kind: 'test',
  title,
  fields: [{ label: 'Status', value: title }],
});
const posts = (channel: string) =>
  bot.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.params.channel === channel && call.status === 200);
const delivery = (key: string) =>
  bot.db.selectFrom('message_deliveries').selectAll().where('key', '=', key).executeTakeFirstOrThrow();

describe('message delivery through the outbox and the deliver-message queue', () => {
  it('posts a logical message once, however often it is sent or its job retried', async () => {
    const outbox = bot.services.access.outbox;
    await outbox.send({
      key: 'once-1',
      to: { channel: { platform: 'slack', id: 'C0ONCE0001' } },
      message: message('hello'),
    });
    await outbox.send({
      key: 'once-1',
      to: { channel: { platform: 'slack', id: 'C0ONCE0001' } },
      message: message('hello'),
    });
    await bot.idle();
    expect(posts('C0ONCE0001')).toHaveLength(1);
    // A retried delivery job (the same key run again) changes nothing.
    await bot.runJob(deliverMessageJob, { key: 'once-1', revision: 1 });
    await bot.runJob(deliverMessageJob, { key: 'once-1', revision: 1 });
    expect(posts('C0ONCE0001')).toHaveLength(1);
    expect(await delivery('once-1')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('waits out a Slack 429 with Retry-After, then delivers', async () => {
    bot.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const sentAt = Date.now();
    await bot.services.access.outbox.send({
      key: 'rate-limited-1',
      to: { channel: { platform: 'slack', id: 'C0RATE0001' } },
      message: message('after the limit'),
    });
    const delivered = await bot.slack.waitForCall(
      'chat.postMessage',
      (call) => call.params.channel === 'C0RATE0001' && call.status === 200,
      10_000,
    );
    const attempts = bot.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.params.channel === 'C0RATE0001');
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(delivered.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(delivered.at - sentAt).toBeGreaterThanOrEqual(1000);
    await expect.poll(async () => (await delivery('rate-limited-1')).state).toBe('sent');
  });

  it('records a permanent failure once instead of retrying', async () => {
    bot.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await bot.services.access.outbox.send({
      key: 'gone-1',
      to: { channel: { platform: 'slack', id: 'C0GONE0001' } },
      message: message('nobody home'),
    });
    await bot.idle();
    expect(await delivery('gone-1')).toMatchObject({
      state: 'failed',
      attempts: 1,
      last_error: 'Slack: channel_not_found',
    });
    expect(
      bot.slack.callsTo('chat.postMessage').filter((call) => call.params.channel === 'C0GONE0001'),
    ).toHaveLength(1);
  });

  it('updates every posted copy, and a copy still queued posts the latest content', async () => {
    const outbox = bot.services.access.outbox;
    const subject = { type: 'test', id: 'copies-1' };
    await outbox.send({
      key: 'copy-a',
      to: { channel: { platform: 'slack', id: 'C0COPYA001' } },
      message: message('v1'),
      about: { subject, purpose: 'card' },
    });
    await bot.idle();
    await outbox.updateCopies(subject, 'card', message('v2'));
    await bot.idle();
    const first = posts('C0COPYA001')[0]!;
    expect(
      JSON.stringify(
        bot.slack.message(first.response.channel as string, first.response.ts as string)!.blocks,
      ),
    ).toContain('v2');
  });
});

describe('a post whose answer was lost (the process died after Slack accepted it)', () => {
  const accepted = (channel: string) =>
    bot.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.params.channel === channel && call.response.ok);

  it('is found by its tag on retry and recorded, not posted again', async () => {
    bot.slack.failNext('chat.postMessage', { lostResponse: true });
    await bot.services.access.outbox.send({
      key: 'unanswered-1',
      to: { channel: { platform: 'slack', id: 'C0UNANS001' } },
      message: message('posted once'),
    });
    await expect.poll(async () => (await delivery('unanswered-1')).state, { timeout: 20_000 }).toBe('sent');
    expect(accepted('C0UNANS001')).toHaveLength(1);
    const [post] = accepted('C0UNANS001');
    expect(post!.params.metadata).toMatchObject({ event_payload: { key: 'unanswered-1' } });
    expect(await delivery('unanswered-1')).toMatchObject({
      posted_message_id: post!.response.ts,
      posting_since: null,
    });
    expect(bot.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('in a DM and in a thread is also posted once', async () => {
    const subject = { type: 'test', id: 'unanswered-thread' };
    await bot.services.access.outbox.send({
      key: 'unanswered-parent',
      to: { channel: { platform: 'slack', id: 'C0UNANS002' } },
      message: message('parent'),
      about: { subject, purpose: 'card' },
    });
    await expect.poll(async () => (await delivery('unanswered-parent')).state).toBe('sent');
    bot.slack.failNext('chat.postMessage', { lostResponse: true });
    await bot.services.access.outbox.replyInThreads('unanswered-reply', subject, 'card', message('reply'));
    const parent = accepted('C0UNANS002')[0]!;
    const replies = () =>
      accepted('C0UNANS002').filter((call) => call.params.thread_ts === parent.response.ts);
    await expect
      .poll(() => bot.slack.callsTo('conversations.replies').length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await bot.idle();
    expect(replies()).toHaveLength(1);

    bot.slack.failNext('chat.postMessage', { lostResponse: true });
    await bot.services.access.outbox.send({
      key: 'unanswered-dm',
      to: { user: { platform: 'slack', id: 'U0UNANS001' } },
      message: message('dm'),
    });
    await expect.poll(async () => (await delivery('unanswered-dm')).state, { timeout: 20_000 }).toBe('sent');
    expect(accepted('U0UNANS001')).toHaveLength(1);
  });

  it('is posted when the earlier attempt never reached Slack', async () => {
    await bot.runtime.queues.queueFor(deliverMessageJob).pause();
    await bot.services.access.outbox.send({
      key: 'unanswered-never',
      to: { channel: { platform: 'slack', id: 'C0UNANS003' } },
      message: message('never reached'),
    });
    // An attempt began (and was recorded) but the process died before its request left.
    await sql`update message_deliveries set posting_since = now(), attempts = 1 where key = 'unanswered-never'`.execute(
      bot.db,
    );
    await bot.runtime.queues.queueFor(deliverMessageJob).resume();
    await expect
      .poll(async () => (await delivery('unanswered-never')).state, { timeout: 20_000 })
      .toBe('sent');
    expect(accepted('C0UNANS003')).toHaveLength(1);
  });
});

describe('after Redis lost the queues', () => {
  it('re-queues messages whose delivery job was lost', async () => {
    await bot.runtime.queues.queueFor(deliverMessageJob).pause();
    await bot.services.access.outbox.send({
      key: 'lost-1',
      to: { channel: { platform: 'slack', id: 'C0LOST0001' } },
      message: message('survives a flush'),
    });
    await deleteKeysWithPrefix(bot.redisPrefix);
    // The row is older than the redelivery threshold.
    await sql`update message_deliveries set created_at = now() - interval '5 minutes' where key = 'lost-1'`.execute(
      bot.db,
    );
    await bot.runJob(outboxSweeperJob, {});
    await bot.idle();
    expect(posts('C0LOST0001')).toHaveLength(1);
    expect(await delivery('lost-1')).toMatchObject({ state: 'sent' });
  });
});

describe('deliveries about one subject', () => {
  const titlesPostedTo = (channel: string) =>
    posts(channel).map((call) => String(call.params.text ?? '').replace(/^\*|\*$/g, ''));
  const sendChanges = async (channel: string, order: string, count: number, prefix = 'change') => {
    for (let i = 1; i <= count; i++) {
      await bot.services.access.outbox.send({
        key: `${order}:${channel}:${i}`,
        to: { channel: { platform: 'slack', id: channel } },
        message: message(`${prefix} ${i}`),
        order,
      });
    }
  };
  const changes = (count: number, prefix = 'change') =>
    Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

  it('reach a channel in the order they were sent while several workers deliver, even past a rate limit', async () => {
    // The first post is rate limited for a second; the others must not overtake it.
    bot.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await sendChanges('C0ORDER001', 'test:order-1', 6);
    await expect.poll(() => titlesPostedTo('C0ORDER001'), { timeout: 15_000 }).toEqual(changes(6));
    await bot.idle();
    expect(titlesPostedTo('C0ORDER001')).toEqual(changes(6));
    const attempts = bot.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.params.channel === 'C0ORDER001');
    expect(attempts.map((call) => call.status)).toEqual([429, 200, 200, 200, 200, 200, 200]);
  });

  it('are posted in order when changes were queued while no worker ran', async () => {
    const queue = bot.runtime.queues.queueFor(deliverMessageJob);
    await queue.pause();
    // Two channels get the same subject's changes, and another subject is queued in between.
    await sendChanges('C0ORDER002', 'test:order-2', 8);
    await sendChanges('C0ORDER003', 'test:order-2', 8);
    await sendChanges('C0ORDER002', 'test:order-3', 3, 'other');
    await queue.resume();
    await expect.poll(() => posts('C0ORDER002').length, { timeout: 15_000 }).toBe(11);
    await expect.poll(() => posts('C0ORDER003').length, { timeout: 15_000 }).toBe(8);
    await bot.idle();
    const second = titlesPostedTo('C0ORDER002');
    expect(second.filter((t) => t.startsWith('change'))).toEqual(changes(8));
    expect(second.filter((t) => t.startsWith('other'))).toEqual(changes(3, 'other'));
    expect(titlesPostedTo('C0ORDER003')).toEqual(changes(8));
  });

  it('are posted in order after Redis lost their jobs, once the sweeper re-queues them', async () => {
    await bot.runtime.queues.queueFor(deliverMessageJob).pause();
    await sendChanges('C0ORDER004', 'test:order-4', 6);
    await deleteKeysWithPrefix(bot.redisPrefix);
    await sql`update message_deliveries set created_at = now() - interval '5 minutes'
      where order_key = 'test:order-4'`.execute(bot.db);
    await bot.runJob(outboxSweeperJob, {});
    await expect.poll(() => posts('C0ORDER004').length, { timeout: 15_000 }).toBe(6);
    await bot.idle();
    expect(titlesPostedTo('C0ORDER004')).toEqual(changes(6));
  });
});
