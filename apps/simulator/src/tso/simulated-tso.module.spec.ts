import { tsoTransport } from './simulated-tso.module';

describe(tsoTransport.name, () => {
  it('takes ws:// and wss:// as the WebSocket feed endpoint', () => {
    expect(tsoTransport('ws://127.0.0.1:3010/tso-feed')).toEqual({ kind: 'ws', endpoint: 'ws://127.0.0.1:3010/tso-feed' });
    expect(tsoTransport('wss://dispatcher.example/tso-feed/')).toEqual({ kind: 'ws', endpoint: 'wss://dispatcher.example/tso-feed' });
  });

  it('takes http(s):// as the dispatcher HTTP base URL', () => {
    expect(tsoTransport('http://127.0.0.1:3003/')).toEqual({ kind: 'http', baseUrl: 'http://127.0.0.1:3003' });
  });
});
