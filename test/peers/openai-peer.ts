import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A local server that speaks the OpenAI Chat Completions API as documented:
 * `POST /v1/chat/completions` with `Authorization: Bearer <key>`, errors as
 * `{ error: { message, type, param, code } }`, success as a `chat.completion`
 * object whose `choices[0].message.content` is JSON matching the request's
 * `response_format.json_schema.schema`. It checks the strict-mode rules
 * (every property required, `additionalProperties: false`) and answers 400
 * when they are broken, as the real API does.
 *
 * Behaviours are queued per request (`enqueue`); with the queue empty it
 * answers normally. Every request is recorded with monotonic timestamps
 * (performance.now(), ms) of when it arrived and when the answer was sent.
 */

export type PeerBehaviour =
  /** 200 with the given content (object → JSON text, string → as is). */
  | { kind: 'ok'; content?: unknown; finishReason?: string; model?: string; delayMs?: number }
  /** 429 with `Retry-After` (seconds, as the header carries it). */
  | { kind: 'rate_limit'; retryAfter: string; code?: string }
  /** A 5xx server error. */
  | { kind: 'server_error'; status: number }
  /** Waits `delayMs` before answering normally (beyond a client timeout). */
  | { kind: 'slow'; delayMs: number }
  /** 200 with half a JSON document and `finish_reason: "length"`. */
  | { kind: 'truncated' }
  /** 200 with content that is not JSON. */
  | { kind: 'invalid_json' }
  /** 200 with a refusal instead of content. */
  | { kind: 'refusal' }
  /** 400 invalid_request_error, e.g. `context_length_exceeded` or a schema the server rejects. */
  | { kind: 'bad_request'; code: string; message: string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: ChatRequestBody;
  behaviour: PeerBehaviour['kind'];
  /** performance.now() when the request arrived. */
  receivedAt: number;
  /** performance.now() when the answer was fully written (unset if the client left first). */
  respondedAt?: number;
  status?: number;
}

export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  response_format?: {
    type: string;
    json_schema?: { name: string; strict?: boolean; schema?: JsonSchema };
  };
  [key: string]: unknown;
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
}

export interface OpenAiPeer {
  /** Base URL including `/v1`, as OPENAI_BASE_URL takes it. */
  baseUrl: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Queues behaviours for the next requests, in order. */
  enqueue(...behaviours: PeerBehaviour[]): void;
  /** Behaviour once the queue is empty (default `{ kind: 'ok' }`). */
  setDefault(behaviour: PeerBehaviour): void;
  /** Chooses the behaviour from the request (e.g. by `response_format` name) when the queue is empty. */
  setResponder(responder: ((body: ChatRequestBody) => PeerBehaviour) | null): void;
  stop(): Promise<void>;
}

/** A value that satisfies a (strict-mode) JSON schema: first enum value, midpoint numbers. */
export function exampleFor(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleFor(v)]),
      );
    case 'string':
      return 'peer text';
    case 'number':
    case 'integer':
      return ((schema.minimum ?? 0) + (schema.maximum ?? 1)) / 2;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return null;
  }
}

/** Strict mode: every object lists all its properties as required and forbids others. */
function strictProblems(schema: JsonSchema, path = 'schema'): string[] {
  if (schema.type !== 'object') return [];
  const props = Object.keys(schema.properties ?? {});
  const problems: string[] = [];
  if (schema.additionalProperties !== false) {
    problems.push(`${path}: 'additionalProperties' is required to be supplied and to be false`);
  }
  const missing = props.filter((p) => !schema.required?.includes(p));
  if (missing.length > 0) {
    problems.push(`${path}: 'required' is required to include every key; missing ${missing}`);
  }
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    problems.push(...strictProblems(v, `${path}.${k}`));
  }
  return problems;
}

function errorBody(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } };
}

/** Starts the peer on a free loopback port. */
export async function startOpenAiPeer(
  options: {
    apiKey?: string;
    /** Milliseconds each normal ('ok') answer waits, drawn per request (benchmarks: a model's latency). */
    latencyMs?: () => number;
    /** Content of a normal answer by `response_format.json_schema.name`; undefined: the schema's example. */
    answer?: (formatName: string | undefined) => unknown;
  } = {},
): Promise<OpenAiPeer> {
  const apiKey = options.apiKey ?? 'sk-peer-test-key-0123456789';
  const queue: PeerBehaviour[] = [];
  let fallback: PeerBehaviour = { kind: 'ok' };
  let responder: ((body: ChatRequestBody) => PeerBehaviour) | null = null;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const receivedAt = performance.now();
      let body: ChatRequestBody = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        // answered below as a 400
      }
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        behaviour: 'ok',
        receivedAt,
      };
      requests.push(record);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-request-id': `req_${randomUUID().replace(/-/g, '')}`,
          ...headers,
        });
        res.end(JSON.stringify(payload), () => {
          record.respondedAt = performance.now();
        });
        record.status = status;
      };

      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(
          404,
          errorBody(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null),
        );
        return;
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        const given = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
        const shown = given ? `${given.slice(0, 3)}****${given.slice(-4)}` : '';
        const message = given
          ? `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`
          : "You didn't provide an API key.";
        send(401, errorBody(message, 'invalid_request_error', given ? 'invalid_api_key' : null));
        return;
      }
      if (!body.model || !Array.isArray(body.messages) || body.messages.length === 0) {
        send(400, errorBody("'model' and 'messages' are required.", 'invalid_request_error', null));
        return;
      }
      const format = body.response_format;
      const schema = format?.json_schema?.schema;
      if (format?.type === 'json_schema' && format.json_schema?.strict && schema) {
        const problems = strictProblems(schema);
        if (problems.length > 0) {
          send(
            400,
            errorBody(
              `Invalid schema for response_format '${format.json_schema.name}': ${problems.join('; ')}`,
              'invalid_request_error',
              'invalid_json_schema',
              'response_format',
            ),
          );
          return;
        }
      }

      const behaviour = queue.shift() ?? responder?.(body) ?? fallback;
      record.behaviour = behaviour.kind;
      const completion = (
        content: string | null,
        finishReason = 'stop',
        refusal: string | null = null,
        model?: string,
      ) => ({
        id: `chatcmpl-peer${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: model ?? body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal, annotations: [] },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
        system_fingerprint: null,
      });
      const example = JSON.stringify(schema ? exampleFor(schema) : { text: 'peer text' });

      switch (behaviour.kind) {
        case 'ok': {
          const chosen = behaviour.content ?? options.answer?.(format?.json_schema?.name);
          const content =
            chosen === undefined
              ? example
              : typeof chosen === 'string'
                ? chosen
                : JSON.stringify(chosen);
          const answer = () => {
            if (!res.destroyed)
              send(200, completion(content, behaviour.finishReason, null, behaviour.model));
          };
          const delay = behaviour.delayMs ?? options.latencyMs?.() ?? 0;
          if (delay <= 0) {
            answer();
            return;
          }
          const timer = setTimeout(() => {
            timers.delete(timer);
            answer();
          }, delay);
          timers.add(timer);
          res.on('close', () => {
            clearTimeout(timer);
            timers.delete(timer);
          });
          return;
        }
        case 'rate_limit':
          send(
            429,
            errorBody(
              `Rate limit reached for ${body.model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${behaviour.retryAfter}s.`,
              'requests',
              behaviour.code ?? 'rate_limit_exceeded',
            ),
            { 'retry-after': behaviour.retryAfter },
          );
          return;
        case 'server_error':
          send(
            behaviour.status,
            errorBody(
              'The server had an error while processing your request. Sorry about that!',
              'server_error',
              null,
            ),
          );
          return;
        case 'slow': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!res.destroyed) send(200, completion(example));
          }, behaviour.delayMs);
          timers.add(timer);
          // The client gave up: stop waiting, as a real server would.
          res.on('close', () => {
            clearTimeout(timer);
            timers.delete(timer);
          });
          return;
        }
        case 'truncated':
          send(200, completion(example.slice(0, Math.ceil(example.length / 2)), 'length'));
          return;
        case 'invalid_json':
          send(200, completion('Sure! Here is the answer: category = interested'));
          return;
        case 'refusal':
          send(200, completion(null, 'stop', "I'm sorry, but I can't help with that request."));
          return;
        case 'bad_request':
          send(
            400,
            errorBody(behaviour.message, 'invalid_request_error', behaviour.code, 'messages'),
          );
          return;
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    enqueue: (...behaviours) => queue.push(...behaviours),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    setResponder: (r) => {
      responder = r;
    },
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
