import { Router, type Response } from 'express';

/** Paths the Teams app package links to as its privacy statement and terms of use. */
export const PRIVACY_PATH = '/privacy';
export const TERMS_PATH = '/terms';

export interface LegalPagesSettings {
  /** An external privacy statement (PRIVACY_URL); our own page when unset. */
  privacyUrl: string | undefined;
  /** External terms of use (TERMS_URL); our own page when unset. */
  termsUrl: string | undefined;
}

const PRIVACY_TEXT = [
  'Databricks ChatOps runs in your organisation: this deployment is operated by your own administrators, who are responsible for it.',
  'To grant temporary access it stores, in its own database: your Slack user id or Teams user id and e-mail address, your display name, the access requests you file or decide (group, duration, reason, ticket link, decisions) and an audit trail of each step.',
  'It sends your e-mail address to your Databricks account (SCIM) to find your Databricks user and to add or remove group memberships. Nothing is sent anywhere else.',
  'Ask your administrators to see or remove what is stored about you.',
];

const TERMS_TEXT = [
  'Databricks ChatOps is provided by your organisation for its own staff. Use it only for work you are authorised to do.',
  'Access granted through it is temporary, audited, and ends automatically; approvers answer for their decisions under your organisation’s policies.',
  'Your administrators may change, suspend or remove the service at any time.',
];

function page(res: Response, title: string, paragraphs: string[]): void {
  // Static text of our own: nothing user-supplied is written into the page.
  const body = paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
  res
    .status(200)
    .type('html')
    .setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style>' +
        `</head><body><h1>${title}</h1>\n${body}\n</body></html>`,
    );
}

/**
 * GET /privacy and /terms: the links in the Teams app package. Each sends people to the
 * configured URL when there is one, and otherwise shows our own short statement.
 */
export function createLegalPagesRouter(settings: LegalPagesSettings): Router {
  const router = Router();
  router.get(PRIVACY_PATH, (_req, res) => {
    if (settings.privacyUrl) res.redirect(302, settings.privacyUrl);
    else page(res, 'Databricks ChatOps: privacy statement', PRIVACY_TEXT);
  });
  router.get(TERMS_PATH, (_req, res) => {
    if (settings.termsUrl) res.redirect(302, settings.termsUrl);
    else page(res, 'Databricks ChatOps: terms of use', TERMS_TEXT);
  });
  return router;
}
