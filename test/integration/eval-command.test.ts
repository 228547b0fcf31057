import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalComparison } from '../../src/eval/compare-eval.ts';
import type { EvalCaseResult } from '../../src/eval/eval-result.ts';
import { formatEvalReport } from '../../src/eval/format-eval-report.ts';
import type { EvalScore } from '../../src/eval/score-eval.ts';
import {
  type ChatRequestBody,
  type OpenAiPeer,
  type PeerBehaviour,
  startOpenAiPeer,
} from '../peers/openai-peer.ts';

/*
 * `autosend eval` end to end: the offline engine, the local OpenAI-compatible
 * peer answering as a bad model would, and (behind AUTOSEND_EVAL_REAL_MODEL=1
 * with OPENAI_* set) a real model. Whatever the model says, the deterministic
 * backstops keep unsafe automatic sends at zero.
 */

const run = promisify(execFile);

interface EvalJson {
  provider: string;
  model: string;
  campaignGate: number;
  score: EvalScore;
  cases: EvalCaseResult[];
}

async function autosendEval(args: string[], env: Record<string, string | undefined>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/autosend.js', 'eval', ...args], {
      env: { ...process.env, DATABASE_URL: undefined, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('autosend eval --provider offline', () => {
  it('prints the table: precision and recall, gate and guard hits, sends per gate, zero unsafe', async () => {
    const { code, stdout, stderr } = await autosendEval(['--provider', 'offline'], {
      AI_PROVIDER: 'offline',
    });
    // The table in the test run's output, as the README promises.
    process.stdout.write(`\n${stdout}`);
    expect(stderr).not.toMatch(/\[\w+\]/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/autosend eval: \d{3} cases, provider offline/);
    expect(stdout).toMatch(/^\s+meeting_booked\s+\d+/m);
    expect(stdout).toMatch(/^\s+opt_out\s+40\s+40\s+100%\s+100%/m);
    expect(stdout).toMatch(/guard hits:.*lead_scheduler_link/);
    expect(stdout).toMatch(
      /would auto-send: at the campaign gate 85%: \d+; at 70%: \d+; at 80%: \d+; at 90%: \d+; at 95%: \d+/,
    );
    expect(stdout).toContain('UNSAFE auto-sends: 0\n');
    expect(stdout).toMatch(/latency per reply \(model calls\): p50 \d+ ms, p95 \d+ ms/);
  });

  it('--provider with another name is refused, naming the option', async () => {
    const { code, stderr } = await autosendEval(['--provider', 'claude'], {
      AI_PROVIDER: 'offline',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('--provider must be openai or offline, got "claude"');
  });
});

/** Deterministic by the reply text, so each case gets the same bad answer every run. */
function bucket(body: ChatRequestBody, n: number): number {
  const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
  // The prompt's data fences carry a random token per request: hash without it.
  const stable = user.replace(/<<<DATA \S+/g, '<<<DATA').replace(/DATA \S+>>>/g, 'DATA>>>');
  return createHash('sha256').update(stable).digest().readUInt32BE(0) % n;
}

/** Every draft the bad model writes: four unsafe ones and one that would be harmless to send. */
const BAD_DRAFTS = [
  'Hi,\n\nGood news: we can do 50% off for the first year.\n\nTom Becker\nNorthwind Analytics',
  'Hi,\n\nLet us meet Sunday at 23:00, that works for us.\n\nTom Becker\nNorthwind Analytics',
  'Hi,\n\nPlease pay the deposit here: https://evil.example/pay\n\nTom Becker\nNorthwind Analytics',
  'Hi {{first_name}},\n\nThanks for your note.\n\nTom Becker\nNorthwind Analytics',
  'Hi,\n\nThanks for getting back to me. Pick any time that suits you here: https://cal.example.com/northwind/intro\n\nTom Becker\nNorthwind Analytics',
];

/** A model that is confidently wrong, writes unsafe drafts, breaks JSON and stalls. */
function badModel(body: ChatRequestBody): PeerBehaviour {
  const name = body.response_format?.json_schema?.name;
  const b = bucket(body, 20);
  if (name === 'reply_classification') {
    if (b === 0) return { kind: 'invalid_json' };
    if (b === 1) return { kind: 'slow', delayMs: 5_000 };
    if (b === 2) return { kind: 'truncated' };
    return {
      kind: 'ok',
      content: { category: 'interested', confidence: 0.99, evidence: 'sounds keen' },
    };
  }
  if (name === 'reply_draft') {
    return { kind: 'ok', content: { body: BAD_DRAFTS[bucket(body, BAD_DRAFTS.length)]! } };
  }
  return {
    kind: 'ok',
    content: {
      confidence: 0.99,
      safe_to_send: true,
      requires_human_review: false,
      reason: 'Perfect.',
    },
  };
}

describe('autosend eval against a bad model (the local OpenAI-compatible peer)', () => {
  let peer: OpenAiPeer;
  let bad: EvalJson;
  let offline: EvalJson;

  beforeAll(async () => {
    peer = await startOpenAiPeer();
    peer.setResponder(badModel);
    const env = {
      AI_PROVIDER: 'openai',
      OPENAI_BASE_URL: peer.baseUrl,
      OPENAI_API_KEY: peer.apiKey,
      OPENAI_MODEL: 'bad-peer-model',
      OPENAI_MAX_RETRIES: '0',
      OPENAI_CLASSIFY_TIMEOUT_MS: '300',
    };
    const [badRun, offlineRun] = await Promise.all([
      autosendEval(['--json'], env),
      autosendEval(['--provider', 'offline', '--json'], { AI_PROVIDER: 'offline' }),
    ]);
    bad = JSON.parse(badRun.stdout);
    // Exit 1 means an unsafe automatic send: name the cases, not just the logs.
    expect(badRun.code, JSON.stringify(bad.score?.unsafe ?? badRun.stderr, null, 1)).toBe(0);
    offline = JSON.parse(offlineRun.stdout);
    // The bad model's table in the test run's output, beside the offline one.
    process.stdout.write(
      `\n${formatEvalReport(bad.score, { provider: bad.provider, model: bad.model, campaignGate: bad.campaignGate })}`,
    );
  });
  afterAll(async () => {
    await peer?.stop();
  });

  it('ran every case through the peer model', () => {
    expect(bad).toMatchObject({ provider: 'openai', model: 'bad-peer-model', campaignGate: 85 });
    expect(bad.cases).toHaveLength(offline.cases.length);
    expect(peer.requests.length).toBeGreaterThan(100);
  });

  it('shows the wrong categories: recall drops where the offline engine gets it right', () => {
    expect(offline.score.categories.not_interested!.recall).toBeGreaterThan(0.5);
    expect(bad.score.categories.not_interested!.recall).toBe(0);
    expect(bad.score.categories.interested!.precision!).toBeLessThan(0.5);
    // The gates do not ask the model: their figures do not move.
    expect(bad.score.gates).toEqual(offline.score.gates);
  });

  it('counts malformed JSON and timeouts as AI failures that become reviews ai_failed', () => {
    expect(bad.score.aiFailures.byCode.ai_bad_output).toBeGreaterThan(0);
    expect(bad.score.aiFailures.timeouts).toBeGreaterThan(0);
    expect(bad.score.aiFailures.byStep.classify).toBe(bad.score.aiFailures.total);
    expect(bad.score.reviewReasons.ai_failed).toBe(bad.score.aiFailures.total);
    const failed = bad.cases.filter((c) => c.aiFailure);
    expect(failed.every((c) => c.decision?.reason === 'ai_failed' && !c.autoSendAt.campaign)).toBe(
      true,
    );
  });

  it('the guards catch every unsafe draft: discounts, invented times, unknown links, placeholders', () => {
    for (const code of ['unknown_offer', 'invented_time', 'unknown_link', 'placeholder']) {
      expect(bad.score.guardHits[code], code).toBeGreaterThan(0);
    }
    const sent = bad.cases.filter((c) => c.autoSendAt.campaign);
    expect(sent.length).toBeGreaterThan(0);
    // Only the harmless draft is ever sent.
    expect(new Set(sent.map((c) => c.draftBody))).toEqual(new Set([BAD_DRAFTS[4]]));
  });

  it('unsafe automatic sends stay zero at every gate because of the deterministic backstops', () => {
    expect(bad.score.unsafe).toEqual([]);
    const never = bad.cases.filter(
      (c) => c.expect.autoSend === 'never' && c.gate === null && c.category,
    );
    expect(never.length).toBeGreaterThan(15);
    for (const c of never) expect(Object.values(c.autoSendAt), c.id).not.toContain(true);
    // Colleagues, booking claims and lead links were held by name, not by luck.
    expect(bad.score.reviewReasons).toMatchObject({
      different_sender: expect.any(Number),
      booking_claimed: expect.any(Number),
      lead_scheduler_link: expect.any(Number),
    });
  });

  it('reports tokens from the server usage and a latency that includes the timeouts', () => {
    expect(bad.score.tokens.prompt).toBeGreaterThan(0);
    expect(bad.score.tokens.completion).toBeGreaterThan(0);
    expect(bad.score.latencyMs.max).toBeGreaterThanOrEqual(300);
  });
});

/**
 * The worst plausible model for the backstops: every reply is `interested`
 * at 99 %, every draft is the harmless-looking one, every grade "perfect".
 * Only the deterministic gates and guards stand between it and the leads.
 */
function confidentlyWrongModel(body: ChatRequestBody): PeerBehaviour {
  const name = body.response_format?.json_schema?.name;
  if (name === 'reply_classification') {
    return {
      kind: 'ok',
      content: { category: 'interested', confidence: 0.99, evidence: 'sounds keen' },
    };
  }
  if (name === 'reply_draft') return { kind: 'ok', content: { body: BAD_DRAFTS[4]! } };
  return {
    kind: 'ok',
    content: { confidence: 0.99, safe_to_send: true, requires_human_review: false, reason: 'Ok.' },
  };
}

describe('autosend eval against a confidently wrong model with harmless-looking drafts', () => {
  it('no case labelled never-auto-send is sent: booking claims, colleagues, scheduler links, gates', async () => {
    const peer = await startOpenAiPeer();
    try {
      peer.setResponder(confidentlyWrongModel);
      const run = await autosendEval(['--json'], {
        AI_PROVIDER: 'openai',
        OPENAI_BASE_URL: peer.baseUrl,
        OPENAI_API_KEY: peer.apiKey,
        OPENAI_MODEL: 'confidently-wrong',
        OPENAI_MAX_RETRIES: '0',
      });
      const report: EvalJson = JSON.parse(run.stdout);
      expect(report.score.unsafe).toEqual([]);
      expect(run.code).toBe(0);
    } finally {
      await peer.stop();
    }
  });
});

/*
 * A model that writes better with house style: without examples in the draft
 * prompt every draft promises a discount (the guards hold it for review);
 * with the fenced HOUSE STYLE section it writes the short, safe answer the
 * examples show. Classification and evaluation never see the examples.
 */
const OVERSELLING_DRAFT =
  'Hi,\n\nThank you so much! As a special offer we can do 50% off for the first year.\n\nTom Becker\nNorthwind Analytics';
const HOUSE_STYLE_DRAFT = BAD_DRAFTS[4]!;

function learnsFromExamples(body: ChatRequestBody): PeerBehaviour {
  const name = body.response_format?.json_schema?.name;
  const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
  if (name === 'reply_classification') {
    return {
      kind: 'ok',
      content: { category: 'interested', confidence: 0.95, evidence: 'asks to talk' },
    };
  }
  if (name === 'reply_draft') {
    const draft = user.includes('HOUSE STYLE') ? HOUSE_STYLE_DRAFT : OVERSELLING_DRAFT;
    return { kind: 'ok', content: { body: draft } };
  }
  return {
    kind: 'ok',
    content: {
      confidence: 0.95,
      safe_to_send: true,
      requires_human_review: false,
      reason: 'Fine.',
    },
  };
}

interface EvalWithHouseStyle extends EvalJson {
  houseStyle: {
    file: string;
    examples: number;
    perDraft: number;
    score: EvalScore;
    cases: EvalCaseResult[];
    comparison: EvalComparison;
  };
}

describe('autosend eval --house-style: whether examples change the figures', () => {
  let peer: OpenAiPeer;
  let result: EvalWithHouseStyle;
  let table: string;
  const env = () => ({
    AI_PROVIDER: 'openai',
    OPENAI_BASE_URL: peer.baseUrl,
    OPENAI_API_KEY: peer.apiKey,
    OPENAI_MODEL: 'house-style-peer-model',
    OPENAI_MAX_RETRIES: '0',
    HOUSE_STYLE_EXAMPLES: '2',
  });

  beforeAll(async () => {
    peer = await startOpenAiPeer();
    peer.setResponder(learnsFromExamples);
    const [json, text] = await Promise.all([
      autosendEval(['--house-style', 'docs/house-style-examples.json', '--json'], env()),
      autosendEval(['--house-style', 'docs/house-style-examples.json'], env()),
    ]);
    expect(json.code, json.stderr).toBe(0);
    expect(text.code, text.stderr).toBe(0);
    result = JSON.parse(json.stdout);
    table = text.stdout;
    process.stdout.write(`\n${table}`);
  });
  afterAll(async () => {
    await peer?.stop();
  });

  it('shows the drafter the examples only in the second run, fenced, at most HOUSE_STYLE_EXAMPLES each', () => {
    const drafts = peer.requests.filter(
      (r) => r.body.response_format?.json_schema?.name === 'reply_draft',
    );
    const withExamples = drafts.filter((r) =>
      r.body.messages?.some((m) => m.content?.includes('HOUSE STYLE')),
    );
    // Two CLI runs, each drafting the corpus without and then with examples.
    expect(withExamples.length).toBeGreaterThan(0);
    expect(withExamples.length * 2).toBe(drafts.length);
    const prompt = withExamples[0]!.body.messages!.find((m) => m.role === 'user')!.content!;
    expect(prompt).toContain('what the reviewer sent instead');
    expect(prompt).not.toContain('Example 3,');
    // Evaluation and classification never see them.
    const others = peer.requests.filter(
      (r) => r.body.response_format?.json_schema?.name !== 'reply_draft',
    );
    expect(
      others.some((r) => r.body.messages?.some((m) => m.content?.includes('HOUSE STYLE'))),
    ).toBe(false);
    expect(result.houseStyle).toMatchObject({ examples: 4, perDraft: 2 });
  });

  it('auto-sends rise with examples, the guard holds fall, categories do not move', () => {
    const c = result.houseStyle.comparison;
    expect(c.autoSends.campaign!.without).toBe(0);
    expect(c.autoSends.campaign!.with).toBeGreaterThan(10);
    expect(c.autoSends.campaign!.delta).toBe(c.autoSends.campaign!.with);
    expect(c.guardHits.unknown_offer!.delta).toBeLessThan(0);
    expect(c.reviewReasons.guard_failed!.with).toBe(0);
    for (const [category, t] of Object.entries(c.categories)) {
      expect(t.recall.delta, category).toBe(0);
    }
    expect(result.score.autoSends).toEqual(
      Object.fromEntries(Object.entries(c.autoSends).map(([g, x]) => [g, x.without])),
    );
    expect(result.houseStyle.score.autoSends.campaign).toBe(c.autoSends.campaign!.with);
  });

  it('unsafe automatic sends stay zero with and without examples', () => {
    expect(result.houseStyle.comparison.unsafe).toEqual({ without: 0, with: 0, delta: 0 });
    const sent = result.houseStyle.cases.filter((x) => x.autoSendAt.campaign);
    expect(new Set(sent.map((x) => x.draftBody))).toEqual(new Set([HOUSE_STYLE_DRAFT]));
  });

  it('prints the figures side by side', () => {
    const sends = result.houseStyle.comparison.autoSends.campaign!;
    expect(table).toContain('house-style examples: 4 in the file, up to 2 per draft');
    expect(table).toMatch(
      new RegExp(`^\\s+campaign gate 85%\\s+0 -> ${sends.with}\\s+\\+${sends.with}$`, 'm'),
    );
    expect(table).toMatch(/^\s+interested\s+\d+% -> \d+%\s+0 pp/m);
    expect(table).toContain('UNSAFE auto-sends: without 0, with 0\n');
  });

  it('a bad house-style file is refused naming the entry, before any model call', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'house-style-'));
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify([{ reply: 'Tell me more', draft: 'Long' }]));
    const before = peer.requests.length;
    const { code, stderr } = await autosendEval(['--house-style', file], env());
    expect(code).toBe(1);
    expect(stderr).toContain(`--house-style ${file}: house-style file: [0].sent is required`);
    expect(peer.requests.length).toBe(before);
  });
});

const REAL = process.env.AUTOSEND_EVAL_REAL_MODEL === '1';
if (!REAL) {
  process.stdout.write(
    'eval-command.test.ts: real-model tier skipped (set AUTOSEND_EVAL_REAL_MODEL=1 with OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL to run it)\n',
  );
}

describe.skipIf(!REAL)('autosend eval against a real model (AUTOSEND_EVAL_REAL_MODEL=1)', () => {
  it(
    'no unsafe automatic send, and the command exits 0',
    async () => {
      const { code, stdout, stderr } = await autosendEval(['--provider', 'openai', '--json'], {
        AI_PROVIDER: 'openai',
      });
      const result = JSON.parse(stdout) as EvalJson;
      process.stdout.write(
        `real model ${result.model}: ${JSON.stringify(result.score.autoSends)}\n`,
      );
      expect(result.score.unsafe, stderr).toEqual([]);
      expect(code).toBe(0);
    },
    30 * 60_000,
  );
});
