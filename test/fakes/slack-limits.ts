/**
 * The documented Block Kit and message limits the fake Slack API enforces, so tests fail where
 * production would. Each number is from Slack's reference pages (docs.slack.dev):
 * blocks, section/header blocks, the button element, modal and home views, chat.postMessage.
 * Error shapes copy what Slack answers: `invalid_blocks` with `errors` and
 * `response_metadata.messages` naming a JSON pointer, `invalid_arguments` for views.
 */
export const SLACK_LIMITS = {
  /** chat.postMessage `text`. Real Slack truncates (warning `message_truncated`); the fake rejects. */
  messageText: 40_000,
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  blockId: 255,
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  privateMetadata: 3_000,
  callbackId: 255,
} as const;

export type SlackErrorResult = {
  ok: false;
  error: string;
  errors?: string[];
  response_metadata?: { messages: string[] };
};

type Json = Record<string, unknown>;

/** Checks the `text` and `blocks` of a message (chat.*, response_url). */
export function checkMessage(message: Json): SlackErrorResult | undefined {
  if (typeof message.text === 'string' && chars(message.text) > SLACK_LIMITS.messageText) {
    return { ok: false, error: 'msg_too_long' };
  }
  if (message.blocks === undefined) return undefined;
  if (!Array.isArray(message.blocks)) return { ok: false, error: 'invalid_blocks_format' };
  const problems = blockProblems(message.blocks, '/blocks', SLACK_LIMITS.messageBlocks);
  if (problems.length === 0) return undefined;
  return {
    ok: false,
    error: 'invalid_blocks',
    errors: problems,
    response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
  };
}

/** Checks a modal or home view (views.open/update/push/publish). */
export function checkView(view: unknown): SlackErrorResult | undefined {
  const problems = viewProblems(view);
  if (problems.length === 0) return undefined;
  return {
    ok: false,
    error: 'invalid_arguments',
    response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
  };
}

function viewProblems(view: unknown): string[] {
  if (!isObject(view)) return ['must provide an object [json-pointer:/view]'];
  if (view.type !== 'modal' && view.type !== 'home') {
    return ['must be one of modal, home [json-pointer:/view/type]'];
  }
  if (!Array.isArray(view.blocks)) return ['must provide an array [json-pointer:/view/blocks]'];
  const problems: string[] = [];
  if (view.type === 'modal') {
    if (!isObject(view.title)) problems.push('must provide an object [json-pointer:/view/title]');
    problems.push(...textTooLong(view.title, '/view/title', SLACK_LIMITS.modalTitle));
    problems.push(...textTooLong(view.submit, '/view/submit', SLACK_LIMITS.modalSubmit));
    problems.push(...textTooLong(view.close, '/view/close', SLACK_LIMITS.modalClose));
  }
  problems.push(
    ...stringTooLong(view.private_metadata, '/view/private_metadata', SLACK_LIMITS.privateMetadata),
  );
  problems.push(...stringTooLong(view.callback_id, '/view/callback_id', SLACK_LIMITS.callbackId));
  problems.push(...blockProblems(view.blocks, '/view/blocks', SLACK_LIMITS.viewBlocks));
  return problems;
}

function blockProblems(blocks: unknown[], pointer: string, maxBlocks: number): string[] {
  if (blocks.length > maxBlocks) return [`no more than ${maxBlocks} items allowed [json-pointer:${pointer}]`];
  return blocks.flatMap((block, i) => (isObject(block) ? oneBlock(block, `${pointer}/${i}`) : []));
}

function oneBlock(block: Json, at: string): string[] {
  const problems = stringTooLong(block.block_id, `${at}/block_id`, SLACK_LIMITS.blockId);
  switch (block.type) {
    case 'section': {
      problems.push(...textTooLong(block.text, `${at}/text`, SLACK_LIMITS.sectionText));
      if (Array.isArray(block.fields)) {
        if (block.fields.length > SLACK_LIMITS.sectionFields) {
          problems.push(
            `no more than ${SLACK_LIMITS.sectionFields} items allowed [json-pointer:${at}/fields]`,
          );
        }
        block.fields.forEach((field, j) => {
          problems.push(...textTooLong(field, `${at}/fields/${j}`, SLACK_LIMITS.sectionFieldText));
        });
      }
      if (isObject(block.accessory)) problems.push(...elementProblems(block.accessory, `${at}/accessory`));
      break;
    }
    case 'header':
      problems.push(...textTooLong(block.text, `${at}/text`, SLACK_LIMITS.headerText));
      break;
    case 'actions':
      if (Array.isArray(block.elements)) {
        block.elements.forEach((element, j) => {
          if (isObject(element)) problems.push(...elementProblems(element, `${at}/elements/${j}`));
        });
      }
      break;
    case 'input':
      if (isObject(block.element)) problems.push(...elementProblems(block.element, `${at}/element`));
      break;
  }
  return problems;
}

function elementProblems(element: Json, at: string): string[] {
  const problems = stringTooLong(element.action_id, `${at}/action_id`, SLACK_LIMITS.actionId);
  if (element.type === 'button') {
    problems.push(...textTooLong(element.text, `${at}/text`, SLACK_LIMITS.buttonText));
    problems.push(...stringTooLong(element.value, `${at}/value`, SLACK_LIMITS.buttonValue));
  }
  return problems;
}

/** A text object's `text` over the limit. */
function textTooLong(textObject: unknown, at: string, max: number): string[] {
  return isObject(textObject) ? stringTooLong(textObject.text, `${at}/text`, max) : [];
}

function stringTooLong(value: unknown, at: string, max: number): string[] {
  if (typeof value !== 'string' || chars(value) <= max) return [];
  return [`must be less than ${max + 1} characters [json-pointer:${at}]`];
}

/**
 * Slack's limits say "characters" without defining them. The fake counts UTF-16 code units (an
 * emoji counts 2), the stricter reading, so emoji-heavy text fails here rather than in production.
 */
function chars(value: string): number {
  return value.length;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
