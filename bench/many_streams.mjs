// Client of bench/many_streams.sh (Node 20, node:http only): opens STREAMS concurrent streaming
// chat completions to 127.0.0.1:PORT, RAMP_PER_S new streams per second at most, each asking
// vllm-sim for TOKENS tokens at TPOT_MS; counts the streams that end with `data: [DONE]`.
// Prints "all open" when every stream has its response head (the caller samples memory then) and
// a JSON summary at the end. Bounded: gives up after DEADLINE_S seconds.
// Usage: node many_streams.mjs PORT STREAMS TOKENS TPOT_MS TTFT_MS MODEL RAMP_PER_S DEADLINE_S
import http from 'node:http';

const [portArg, streamsArg, tokensArg, tpotArg, ttftArg, model, rampArg, deadlineArg] = process.argv.slice(2);
const [port, streams, tokens, tpot, ttft, ramp, deadline] =
  [portArg, streamsArg, tokensArg, tpotArg, ttftArg, rampArg, deadlineArg].map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const body = JSON.stringify({
  model, stream: true,
  messages: [{ role: 'user', content: 'Think slowly about the sea, then answer in one line.' }],
});

let open = 0;
let maxOpen = 0;
let headed = 0;
const errors = {};
const countError = (what) => { errors[what] = (errors[what] ?? 0) + 1; };

function one() {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', agent,
      headers: {
        'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        'x-sim-tokens': String(tokens), 'x-sim-tpot-ms': String(tpot), 'x-sim-ttft-ms': String(ttft),
      },
    }, (res) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      headed += 1;
      if (headed === streams) console.log(`all open ${Date.now()}`);
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { tail = (tail + d).slice(-64); });
      res.on('end', () => {
        open -= 1;
        const ok = res.statusCode === 200 && tail.endsWith('data: [DONE]\n\n');
        if (!ok) countError(res.statusCode === 200 ? 'no [DONE]' : `status ${res.statusCode}`);
        resolve(ok);
      });
      res.on('error', (e) => { open -= 1; countError(e.code ?? 'response error'); resolve(false); });
    });
    req.on('error', (e) => { countError(e.code ?? 'request error'); resolve(false); });
    req.end(body);
  });
}

const timer = setTimeout(() => {
  console.log(JSON.stringify({ streams, done: 'deadline', max_open: maxOpen, errors }));
  process.exit(1);
}, deadline * 1000);

const t0 = Date.now();
const pending = [];
const batch = Math.max(1, Math.round(ramp / 20));  // one batch every 50 ms
for (let started = 0; started < streams;) {
  for (let i = 0; i < batch && started < streams; i += 1, started += 1) pending.push(one());
  await new Promise((r) => setTimeout(r, 50));
}
const results = await Promise.all(pending);
clearTimeout(timer);
const ok = results.filter(Boolean).length;
console.log(JSON.stringify({
  streams, ok, max_open: maxOpen, wall_ms: Date.now() - t0, errors,
}));
agent.destroy();
process.exit(ok === streams ? 0 : 1);
