import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOpenAiProvider } from '../../src/ai/openai-provider.ts';
import type { DraftInput, EvaluateInput } from '../../src/ai/provider.ts';
import type { Config } from '../../src/config/load-config.ts';
import { AutosendError } from '../../src/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../peers/openai-peer.ts';

/** Log lines of every provider in this file, to check the key never appears. */
const logLines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => logLines.push(line) });

let peer: OpenAiPeer;

beforeAll(async () => {
  peer = await startOpenAiPeer();
});
afterEach(() => {
  peer.requests.length = 0;
  peer.setDefault({ kind: 'ok' });
});
afterAll(async () => {
  await peer.stop();
});

function provider(overrides: Partial<Config['ai']['openai']> = {}) {
  return makeOpenAiProvider(
    {
      apiKey: peer.apiKey,
      baseUrl: peer.baseUrl,
      model: 'peer-model-1',
      timeoutMs: 5000,
      maxRetries: 2,
      ...overrides,
    },
    logger,
  );
}

const SLOTS = [
  {
    start: '2026-03-03T09:00:00Z',
    end: '2026-03-03T09:30:00Z',
    label: 'Tuesday 3 March, 10:00–10:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
  {
    start: '2026-03-05T13:00:00Z',
    end: '2026-03-05T13:30:00Z',
    label: 'Thursday 5 March, 14:00–14:30 (Europe/Berlin)',
    timeZone: 'Europe/Berlin',
  },
];

const DRAFT_INPUT: DraftInput = {
  transcript: [
    {
      direction: 'outbound',
      from: 'alex@ours.test',
      at: '2026-02-20T09:00:00Z',
      text: 'FIRST-OUTREACH: Hi Sam, we help teams answer replies faster.',
    },
    {
      direction: 'outbound',
      from: 'alex@ours.test',
      at: '2026-02-24T09:00:00Z',
      text: 'SECOND-FOLLOWUP: Bumping this up, Sam.',
    },
    {
      direction: 'inbound',
      from: 'sam@acme.test',
      at: '2026-03-01T09:00:00Z',
      text: 'LATEST-REPLY: Interesting. Can we set up a meeting? Does Tuesday work?',
    },
  ],
  replyNewText: 'LATEST-REPLY: Interesting. Can we set up a meeting? Does Tuesday work?',
  category: 'meeting_requested',
  lead: { email: 'sam@acme.test', firstName: 'Sam', lastName: 'Lee', company: 'Acme' },
  campaign: {
    name: 'Q1 outbound',
    knowledge: 'Autosend answers replies within minutes.',
    bookingLink: 'https://cal.example.com/alex',
  },
  slots: SLOTS,
  sender: { name: 'Alex', signature: 'Alex Moreau\nAutosend' },
  subject: 'Re: faster replies',
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AutosendError);
    return (error as AutosendError).code;
  }
  throw new Error('expected the call to fail');
}

describe('openai provider against a local OpenAI-compatible peer', () => {
  it('sends the draft request as documented: model, strict json_schema, transcript oldest first, slots', async () => {
    peer.enqueue({ kind: 'ok', content: { body: 'Hi Sam,\n\nTuesday works.\n\nAlex Moreau' } });
    const result = await provider().draft(DRAFT_INPUT);

    expect(result.body).toBe('Hi Sam,\n\nTuesday works.\n\nAlex Moreau');
    expect(result.model).toBe('peer-model-1');
    expect(peer.requests).toHaveLength(1);
    const [request] = peer.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe(`Bearer ${peer.apiKey}`);
    const body = request!.body;
    expect(body.model).toBe('peer-model-1');
    expect(body.response_format?.type).toBe('json_schema');
    expect(body.response_format?.json_schema?.strict).toBe(true);
    expect(body.response_format?.json_schema?.schema).toMatchObject({
      type: 'object',
      required: ['body'],
      additionalProperties: false,
    });
    const text = body.messages!.map((m) => m.content).join('\n');
    const order = ['FIRST-OUTREACH', 'SECOND-FOLLOWUP', 'LATEST-REPLY'].map((m) => text.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const slot of SLOTS) expect(text).toContain(slot.label);
    expect(text).toContain('https://cal.example.com/alex');
    expect(text).toContain('Alex Moreau\nAutosend');
    expect(text).toContain('Autosend answers replies within minutes.');
    expect(text).toContain('Acme');
  });

  it('maps classify output to a domain classification', async () => {
    peer.enqueue({
      kind: 'ok',
      content: { category: 'meeting_requested', confidence: 0.83, evidence: 'Does Tuesday work?' },
    });
    const result = await provider().classify({
      newText: 'Does Tuesday work?',
      subject: 'Re: hi',
      fromEmail: 'sam@acme.test',
      leadEmail: 'sam@acme.test',
      transcript: DRAFT_INPUT.transcript,
    });
    expect(result).toEqual({
      category: 'meeting_requested',
      confidence: 0.83,
      evidence: 'Does Tuesday work?',
      usage: { model: 'peer-model-1', promptTokens: 100, completionTokens: 20 },
    });
    const format = peer.requests[0]!.body.response_format!.json_schema!;
    expect(format.name).toBe('reply_classification');
    expect(format.schema).toMatchObject({
      properties: { category: { enum: expect.arrayContaining(['interested', 'meeting_booked']) } },
    });
  });

  it('maps evaluate output and cuts an over-long reason to 40 words', async () => {
    const longReason = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    peer.enqueue({
      kind: 'ok',
      content: {
        confidence: 0.64,
        safe_to_send: true,
        requires_human_review: false,
        reason: longReason,
      },
    });
    const input: EvaluateInput = { ...DRAFT_INPUT, draftBody: 'Hi Sam, Tuesday works.' };
    const result = await provider().evaluate(input);
    expect(result.confidence).toBe(0.64);
    expect(result.safeToSend).toBe(true);
    expect(result.requiresHumanReview).toBe(false);
    expect(result.reason.split(/\s+/)).toHaveLength(40);
    const text = peer.requests[0]!.body.messages!.map((m) => m.content).join('\n');
    expect(text).toContain('Hi Sam, Tuesday works.');
  });

  it('sends house-style examples to the drafter only, fenced as data', async () => {
    const houseStyle = [
      { draft: 'HOUSE-DRAFT: Dear Sir, kindly find', sent: 'HOUSE-SENT: Hi [name], here it is.' },
    ];
    await provider().draft({ ...DRAFT_INPUT, houseStyle });
    await provider().evaluate({ ...DRAFT_INPUT, houseStyle, draftBody: 'Hi Sam, Tuesday works.' });
    const [drafted, evaluated] = peer.requests.map((r) =>
      r.body.messages!.map((m) => m.content).join('\n'),
    );
    expect(drafted).toMatch(
      /HOUSE STYLE[\s\S]*<<<DATA \S+\nHOUSE-DRAFT: Dear Sir[\s\S]*HOUSE-SENT: Hi \[name\]/,
    );
    expect(evaluated).not.toContain('HOUSE-SENT');
  });

  it('retries a 429 after waiting at least its Retry-After', async () => {
    peer.enqueue({ kind: 'rate_limit', retryAfter: '1' });
    const result = await provider().draft(DRAFT_INPUT);
    expect(result.body).toBeTruthy();
    expect(peer.requests.map((r) => r.status)).toEqual([429, 200]);
    const [limited, retried] = peer.requests;
    expect(retried!.receivedAt - limited!.respondedAt!).toBeGreaterThanOrEqual(1000);
  });

  it('gives ai_rate_limited when 429s outlast the retries', async () => {
    peer.setDefault({ kind: 'rate_limit', retryAfter: '0' });
    expect(await codeOf(provider({ maxRetries: 2 }).draft(DRAFT_INPUT))).toBe('ai_rate_limited');
    expect(peer.requests).toHaveLength(3);
  });

  it('treats an exhausted quota (429 insufficient_quota) as rejected, not rate limited', async () => {
    peer.setDefault({ kind: 'rate_limit', retryAfter: '0', code: 'insufficient_quota' });
    expect(await codeOf(provider({ maxRetries: 0 }).draft(DRAFT_INPUT))).toBe('ai_rejected');
  });

  it('retries a 5xx and succeeds when the server recovers', async () => {
    peer.enqueue({ kind: 'server_error', status: 503 });
    await provider({ maxRetries: 1 }).draft(DRAFT_INPUT);
    expect(peer.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('gives ai_unavailable when 5xx outlasts the retries', async () => {
    peer.setDefault({ kind: 'server_error', status: 500 });
    expect(await codeOf(provider({ maxRetries: 1 }).draft(DRAFT_INPUT))).toBe('ai_unavailable');
    expect(peer.requests.map((r) => r.status)).toEqual([500, 500]);
  });

  it('gives ai_unavailable when nothing listens', async () => {
    const gone = await startOpenAiPeer();
    await gone.stop();
    const p = provider({ baseUrl: gone.baseUrl, maxRetries: 0 });
    expect(await codeOf(p.draft(DRAFT_INPUT))).toBe('ai_unavailable');
  });

  it('gives ai_timeout when the server answers after the timeout, each attempt', async () => {
    peer.setDefault({ kind: 'slow', delayMs: 10_000 });
    const p = provider({ timeoutMs: 300, maxRetries: 1 });
    expect(
      await codeOf(
        p.classify({ ...DRAFT_INPUT, newText: 'hi', fromEmail: 'a@b.test', leadEmail: 'a@b.test' }),
      ),
    ).toBe('ai_timeout');
    expect(peer.requests).toHaveLength(2);
    expect(peer.requests.every((r) => r.respondedAt === undefined)).toBe(true);
  });

  it.each([
    ['truncated output', { kind: 'truncated' } as const],
    ['invalid JSON', { kind: 'invalid_json' } as const],
    ['a refusal', { kind: 'refusal' } as const],
    [
      'a category outside the closed list',
      {
        kind: 'ok',
        content: { category: 'very_interested', confidence: 0.9, evidence: 'x' },
      } as const,
    ],
    ['an empty body', { kind: 'ok', content: '' } as const],
  ])('rejects %s as ai_bad_output without retrying', async (_name, behaviour) => {
    peer.enqueue(behaviour);
    const p = provider();
    const call =
      behaviour.kind === 'ok' && typeof behaviour.content === 'object'
        ? p.classify({
            ...DRAFT_INPUT,
            newText: 'hi',
            fromEmail: 'a@b.test',
            leadEmail: 'a@b.test',
          })
        : p.draft(DRAFT_INPUT);
    expect(await codeOf(call)).toBe('ai_bad_output');
    expect(peer.requests).toHaveLength(1);
  });

  it('rejects a draft that repeats itself as ai_bad_output', async () => {
    const loop = 'We would love to help your team. '.repeat(6);
    peer.enqueue({ kind: 'ok', content: { body: `Hi Sam,\n\n${loop}` } });
    expect(await codeOf(provider().draft(DRAFT_INPUT))).toBe('ai_bad_output');
  });

  it('gives ai_rejected on a wrong key (401) and never logs the key', async () => {
    const wrongKey = 'sk-wrong-key-that-must-not-leak-42';
    const p = provider({ apiKey: wrongKey });
    expect(await codeOf(p.draft(DRAFT_INPUT))).toBe('ai_rejected');
    expect(peer.requests[0]!.status).toBe(401);
    const logs = logLines.join('\n');
    expect(logs).toContain('ai_rejected');
    expect(logs).not.toContain(wrongKey);
    expect(logs).not.toContain(peer.apiKey);
  });

  it('sends schemas the strict mode accepts for all three calls', async () => {
    const p = provider();
    await p.classify({
      ...DRAFT_INPUT,
      newText: 'hi',
      fromEmail: 'a@b.test',
      leadEmail: 'a@b.test',
    });
    await p.draft(DRAFT_INPUT);
    await p.evaluate({ ...DRAFT_INPUT, draftBody: 'Hi Sam' });
    expect(peer.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(peer.requests.map((r) => r.body.response_format?.json_schema?.name)).toEqual([
      'reply_classification',
      'reply_draft',
      'draft_evaluation',
    ]);
  });

  it('gives classify, draft and evaluate their own timeouts', async () => {
    peer.setDefault({ kind: 'slow', delayMs: 1_500 });
    const p = provider({
      timeoutMs: 10_000,
      classifyTimeoutMs: 200,
      evaluateTimeoutMs: 200,
      maxRetries: 0,
    });
    const classify = {
      ...DRAFT_INPUT,
      newText: 'hi',
      fromEmail: 'a@b.test',
      leadEmail: 'a@b.test',
    };
    expect(await codeOf(p.classify(classify))).toBe('ai_timeout');
    expect(
      await codeOf(p.evaluate({ ...DRAFT_INPUT, draftBody: 'Hi Sam, Tuesday works. Alex' })),
    ).toBe('ai_timeout');
    // The draft's timeout is longer than the peer's delay: it completes.
    await expect(p.draft(DRAFT_INPUT)).resolves.toMatchObject({ body: 'peer text' });
  });

  it('aborts the call when the job is aborted', async () => {
    peer.setDefault({ kind: 'slow', delayMs: 10_000 });
    const controller = new AbortController();
    const call = provider({ maxRetries: 2 }).draft(DRAFT_INPUT, controller.signal);
    await new Promise<void>((resolve) => {
      const check = () => (peer.requests.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AutosendError);
    expect(peer.requests).toHaveLength(1);
  });

  it('sends max_completion_tokens and temperature from config, and reports token usage', async () => {
    peer.enqueue({ kind: 'ok', content: { body: 'Hi Sam,\n\nTuesday works.\n\nAlex' } });
    const result = await provider({ maxTokens: 321, temperature: 0.3 }).draft(DRAFT_INPUT);
    expect(peer.requests[0]!.body).toMatchObject({ max_completion_tokens: 321, temperature: 0.3 });
    expect(result.usage).toEqual({
      model: 'peer-model-1',
      promptTokens: 100,
      completionTokens: 20,
    });
    peer.enqueue({ kind: 'ok', content: { body: 'Hi Sam,\n\nTuesday works.\n\nAlex' } });
    await provider().draft(DRAFT_INPUT);
    expect(peer.requests[1]!.body).not.toHaveProperty('temperature');
  });

  it('evaluates with OPENAI_EVALUATOR_MODEL on its own server and key', async () => {
    const judge = await startOpenAiPeer({ apiKey: 'sk-judge-key-9876543210' });
    try {
      const p = provider({
        evaluator: { model: 'judge-model', baseUrl: judge.baseUrl, apiKey: judge.apiKey },
      });
      judge.enqueue({
        kind: 'ok',
        content: {
          confidence: 0.4,
          safe_to_send: false,
          requires_human_review: true,
          reason: 'Too vague.',
        },
      });
      const evaluation = await p.evaluate({
        ...DRAFT_INPUT,
        draftBody: 'Hi Sam, Tuesday works. Alex',
      });
      expect(evaluation).toMatchObject({ confidence: 0.4, usage: { model: 'judge-model' } });
      expect(judge.requests).toHaveLength(1);
      expect(judge.requests[0]!.body.model).toBe('judge-model');
      expect(peer.requests).toHaveLength(0);
      await p.draft(DRAFT_INPUT);
      expect(peer.requests[0]!.body.model).toBe('peer-model-1');
    } finally {
      await judge.stop();
    }
  });
});
