import { z } from 'zod';
import { sendExpiryReminders } from '../src/access/send-expiry-reminders.js';
import { defineJob } from './job-definition.js';

/** Fires 10 minutes before a grant ends and warns its holder, with an Extend button. */
export const expiryReminderJob = defineJob({
  queue: 'access-expiry-reminder',
  payload: z.object({ requestId: z.string().uuid() }),
  handle: async (_payload, { deps }) => {
    await sendExpiryReminders(deps.access);
  },
});
