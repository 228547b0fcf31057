import { describe, expect, it } from 'vitest';
import { AutosendError } from '../errors.ts';
import { looksRepetitive, mapClassifyOutput, mapDraftOutput } from './map-model-output.ts';
import { RESPONSE_FORMATS } from './output-schemas.ts';

function completion(content: string | null, finish_reason = 'stop') {
  return { model: 'm-2', choices: [{ finish_reason, message: { content, refusal: null } }] };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AutosendError ? error.code : 'other';
  }
  return undefined;
}

describe('looksRepetitive', () => {
  it('passes an ordinary draft with a list of times', () => {
    const draft = [
      'Hi Sam,',
      '',
      'Happy to set that up. Here is what I have open:',
      '- Tuesday 3 March, 10:00–10:30 (Europe/Berlin)',
      '- Tuesday 3 March, 11:00–11:30 (Europe/Berlin)',
      '- Wednesday 4 March, 10:00–10:30 (Europe/Berlin)',
      '',
      '==================================',
      'Best,',
      'Alex',
    ].join('\n');
    expect(looksRepetitive(draft)).toBe(false);
  });

  it('catches a model stuck in a loop', () => {
    expect(looksRepetitive('Thanks! '.repeat(3) + 'we can help you '.repeat(5))).toBe(true);
    expect(
      looksRepetitive('We would love to chat.\nWe would love to chat.\nWe would love to chat.'),
    ).toBe(true);
  });
});

describe('mapping model output', () => {
  it('maps a draft and keeps the model the server reported', () => {
    expect(mapDraftOutput(completion('{"body":"Hi Sam"}'), 'm-1')).toEqual({
      body: 'Hi Sam',
      model: 'm-2',
    });
  });

  it.each([
    ['no choices', { choices: [] }],
    ['truncated', completion('{"body":"Hi', 'length')],
    ['content filter', completion('{"body":"x"}', 'content_filter')],
    ['empty', completion('  ')],
    ['not JSON', completion('Hi Sam')],
    ['wrong shape', completion('{"text":"Hi"}')],
    ['blank body', completion('{"body":"   "}')],
  ])('rejects %s as ai_bad_output', (_name, value) => {
    expect(codeOf(() => mapDraftOutput(value, 'm'))).toBe('ai_bad_output');
  });

  it('rejects a category outside the closed list and a confidence out of range', () => {
    const wrong = completion('{"category":"keen","confidence":0.5,"evidence":"x"}');
    const range = completion('{"category":"interested","confidence":1.5,"evidence":"x"}');
    expect(codeOf(() => mapClassifyOutput(wrong))).toBe('ai_bad_output');
    expect(codeOf(() => mapClassifyOutput(range))).toBe('ai_bad_output');
  });
});

describe('response formats', () => {
  it('are strict, with every property required and no extras', () => {
    for (const format of Object.values(RESPONSE_FORMATS)) {
      const schema = format.json_schema.schema as {
        properties: Record<string, unknown>;
        required: string[];
        additionalProperties: boolean;
      };
      expect(format.json_schema.strict).toBe(true);
      expect(schema.additionalProperties).toBe(false);
      expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort());
      expect(schema).not.toHaveProperty('$schema');
    }
  });
});
