// Load client for bench/sim_many_streams.sh: opens N concurrent streaming chat completions against
// vllm-sim (Node 20, built-in http only), waits for all of them and checks each ended with [DONE].
// Usage: node sim_many_streams.mjs PORT STREAMS TOKENS TPOT_MS TTFT_MS
import http from 'node:http';

const [port, streams, tokens, tpot, ttft] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const body = JSON.stringify({
  model: 'Qwen3.5-35B-A3B',
  stream: true,
  messages: [{ role: 'user', content: 'Write a long answer about the sea.' }],
});

function one() {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent,
      headers: {
        'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        'x-sim-tokens': String(tokens), 'x-sim-tpot-ms': String(tpot), 'x-sim-ttft-ms': String(ttft),
      },
    }, (res) => {
      let tail = '';
      let events = 0;
      res.setEncoding('utf8');
      res.on('data', (d) => {
        events += d.split('\n\n').length - 1;
        tail = (tail + d).slice(-64);
      });
      res.on('end', () => resolve({ ok: res.statusCode === 200 && tail.endsWith('data: [DONE]\n\n'), events }));
      res.on('error', () => resolve({ ok: false, events }));
    });
    req.on('error', () => resolve({ ok: false, events: 0 }));
    req.end(body);
  });
}

const t0 = process.hrtime.bigint();
const results = await Promise.all(Array.from({ length: streams }, one));
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const ok = results.filter((r) => r.ok).length;
const events = results.reduce((a, r) => a + r.events, 0);
console.log(JSON.stringify({ streams, ok, events, wall_ms: Math.round(wallMs) }));
process.exit(ok === streams ? 0 : 1);
