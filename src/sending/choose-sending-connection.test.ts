import { describe, expect, it } from 'vitest';
import { chooseSendingConnection } from './choose-sending-connection.ts';
import type { SendingConnectionKind } from './connection-credentials.ts';

const has = (...kinds: SendingConnectionKind[]) => new Set(kinds);

describe('chooseSendingConnection', () => {
  it.each(['smartlead', 'instantly', 'emailbison'] as const)(
    'a %s campaign sends through its own platform only',
    (platform) => {
      expect(chooseSendingConnection(platform, has(platform, 'smtp'))).toEqual({
        use: 'connection',
        kind: platform,
      });
      expect(chooseSendingConnection(platform, has('smtp', 'outbox'))).toEqual({
        use: 'none',
        needs: platform,
      });
    },
  );

  it('a Smartlead campaign is never sent through another platform', () => {
    expect(chooseSendingConnection('smartlead', has('instantly', 'emailbison'))).toEqual({
      use: 'none',
      needs: 'smartlead',
    });
  });

  it('a generic campaign prefers SMTP, then the outbox, then SENDER', () => {
    expect(chooseSendingConnection('generic', has('outbox', 'smtp'))).toEqual({
      use: 'connection',
      kind: 'smtp',
    });
    expect(chooseSendingConnection('generic', has('outbox', 'smartlead'))).toEqual({
      use: 'connection',
      kind: 'outbox',
    });
    expect(chooseSendingConnection('generic', has('instantly'))).toEqual({ use: 'default' });
  });
});
