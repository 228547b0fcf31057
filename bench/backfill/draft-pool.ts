import { makeOpenAiProvider } from '../../src/ai/openai-provider.ts';
import type { AiProvider, DraftInput } from '../../src/ai/provider.ts';
import { limitAiProvider } from '../../src/backfill/limit-ai-provider.ts';
import { makeRateLimiter } from '../../src/backfill/rate-limiter.ts';
import { runPool } from '../../src/backfill/run-pool.ts';
import { type OpenAiPeer, startOpenAiPeer } from '../../test/peers/openai-peer.ts';

/**
 * The draft phase's model-call scheduling against the local OpenAI-compatible
 * peer: the backfill's own pool (`runPool`, `limitAiProvider`,
 * `makeRateLimiter`, the real OpenAI provider with its Retry-After retries)
 * beside fixed `Promise.all` batches of the same size. One draft call per
 * target; no database (the bench measures scheduling, not PostgreSQL).
 */

/** xorshift32, seeded: the same latencies every run. */
function makeRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** Lognormal latency with the given median (ms) and sigma: a long tail. */
export function makeLatency(medianMs: number, sigma: number, seed: number): () => number {
  const random = makeRandom(seed);
  return () => {
    const u = Math.max(random(), 1e-12);
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return medianMs * Math.exp(sigma * z);
  };
}

export interface PeerRegime {
  latency: () => number;
  /** Requests per minute the peer admits (token bucket of one second); 429 with Retry-After beyond. */
  rpmLimit?: number;
}

/** Starts the peer answering drafts after a sampled latency, 429 with `Retry-After: 1` over its limit. */
export async function startBenchPeer(regime: PeerRegime): Promise<OpenAiPeer> {
  const peer = await startOpenAiPeer();
  const perSecond = regime.rpmLimit ? regime.rpmLimit / 60 : Infinity;
  let tokens = perSecond;
  let last = performance.now();
  peer.setResponder(() => {
    if (regime.rpmLimit) {
      const now = performance.now();
      tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens < 1) return { kind: 'rate_limit', retryAfter: '1' };
      tokens -= 1;
    }
    return {
      kind: 'ok',
      content: { body: 'Hi,\n\nThanks, here is an overview.\n\nSam' },
      delayMs: regime.latency(),
    };
  });
  return peer;
}

const input: DraftInput = {
  transcript: [],
  replyNewText: 'Sounds interesting, can we talk?',
  category: 'interested',
  lead: { email: 'lead@example.com' },
  campaign: { name: 'Bench', knowledge: '' },
  slots: [],
  sender: { signature: 'Sam' },
  subject: 'Re: hello',
};

export interface PoolFigures {
  wallMs: number;
  calls: number;
  rateLimited: number;
  meanLatencyMs: number;
  boundMs: number;
  ratio: number;
  failed: number;
}

function figures(
  peer: OpenAiPeer,
  from: number,
  wallMs: number,
  concurrency: number,
  rpm: number | null,
  failed: number,
): PoolFigures {
  const requests = peer.requests.slice(from);
  const served = requests.filter((r) => r.status === 200 && r.respondedAt !== undefined);
  const meanLatencyMs =
    served.reduce((n, r) => n + (r.respondedAt! - r.receivedAt), 0) / Math.max(1, served.length);
  const calls = requests.length;
  const boundMs = Math.max((calls * meanLatencyMs) / concurrency, rpm ? (calls / rpm) * 60_000 : 0);
  return {
    wallMs,
    calls,
    rateLimited: requests.filter((r) => r.status === 429).length,
    meanLatencyMs,
    boundMs,
    ratio: wallMs / boundMs,
    failed,
  };
}

function provider(peer: OpenAiPeer): AiProvider {
  return makeOpenAiProvider({
    apiKey: peer.apiKey,
    baseUrl: peer.baseUrl,
    model: 'bench',
    timeoutMs: 30_000,
    maxRetries: 10,
  });
}

/** The backfill's pool: `concurrency` workers, each call waiting for its start under `rpm`. */
export async function runBackfillPool(
  peer: OpenAiPeer,
  targets: number,
  concurrency: number,
  rpm: number | null,
): Promise<PoolFigures> {
  const from = peer.requests.length;
  const ai = limitAiProvider(provider(peer), makeRateLimiter(rpm));
  let failed = 0;
  const started = performance.now();
  await runPool(
    Array.from({ length: targets }, (_, i) => i),
    concurrency,
    async () => {
      await ai.draft(input).catch(() => {
        failed++;
      });
    },
  );
  return figures(peer, from, performance.now() - started, concurrency, rpm, failed);
}

/** The naive way beside it: fixed batches of `size` with Promise.all, each batch waiting for its slowest. */
export async function runFixedBatches(
  peer: OpenAiPeer,
  targets: number,
  size: number,
  rpm: number | null,
): Promise<PoolFigures> {
  const from = peer.requests.length;
  const ai = provider(peer);
  let failed = 0;
  const started = performance.now();
  for (let i = 0; i < targets; i += size) {
    const batch = Array.from({ length: Math.min(size, targets - i) }, () =>
      ai.draft(input).catch(() => {
        failed++;
      }),
    );
    await Promise.all(batch);
  }
  return figures(peer, from, performance.now() - started, size, rpm, failed);
}
