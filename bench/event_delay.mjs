// Added delay per SSE event at low load (scenario 2 of issue 7), Node 20, node:http only.
// One process plays both ends so that one clock times each event: a replay backend writes a vLLM
// 0.18 stream (recorded from vllm-sim at start) one event every TPOT_MS, and a client reads it
// directly or through a proxy. The delay of event k is (arrival at the client) - (write by the
// backend); a proxy's added delay is its delay minus the direct delay.
// The paths take turns: ROUNDS rounds, each one stream of EVENTS events per path in turn, so that
// every path sees the same stretch of this shared machine's weather; a round's added delay is a
// path's median minus the direct median of the same round.
// Protocol on stdin/stdout (driven by bench/chat_stream.sh):
//   node event_delay.mjs SIM_PORT EVENTS TPOT_MS [ROUNDS=1]
//   -> prints "replay backend listening on http://127.0.0.1:PORT"
//   <- reads one line "NAME=PORT NAME=PORT ..." (the paths to measure; "direct" is implicit)
//   -> prints one JSON line per path: {"path","events","mean_us","p50_us","p99_us","max_us",
//      "round_p50_us":[...],"ok"} (delays pooled over the rounds; one median per round)
import http from 'node:http';
import readline from 'node:readline';

const [simPort, eventCount, tpotMs, roundArg] = process.argv.slice(2).map(Number);
const rounds = Math.max(1, roundArg || 1);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const model = 'Qwen3.5-35B-A3B';

function post(port, path, body, headers, onResponse) {
  const req = http.request({
    host: '127.0.0.1', port, path, method: 'POST', agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
  }, onResponse);
  req.on('socket', (s) => s.setNoDelay(true));
  return req;
}

// Records one stream of EVENTS tokens from vllm-sim and splits it into events (blank-line ended).
function record() {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({
      model, stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Explain the tides.' }],
    });
    const req = post(simPort, '/v1/chat/completions', body,
      { 'x-sim-tokens': String(eventCount), 'x-sim-ttft-ms': '0', 'x-sim-tpot-ms': '0' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve(text.split(/(?<=\n\n)/).filter((e) => e.length > 0)));
      });
    req.on('error', reject);
    req.end(body);
  });
}

const events = await record();
if (!events.length || !events[events.length - 1].startsWith('data: [DONE]')) {
  console.error('could not record a stream from vllm-sim');
  process.exit(1);
}

// The replay backend: each request gets the recorded events, one every tpotMs. writeTimes[k] is
// the time event k was handed to the kernel; the client reads it to compute delays.
let writeTimes = [];
// Only chat completions are replayed: the proxies' own start-up probes (/health, /version,
// /metrics, ...) get a quick 404, so that no other stream runs and touches writeTimes.
const backend = http.createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not replayed"}');
    return;
  }
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    res.flushHeaders();
    writeTimes = [];
    let k = 0;
    const next = () => {
      if (res.destroyed) return;  // the client went away: stop replaying
      if (k === events.length) { res.end(); return; }
      writeTimes.push(process.hrtime.bigint());
      res.write(events[k]);
      k += 1;
      setTimeout(next, tpotMs);
    };
    setTimeout(next, tpotMs);
  });
});
await new Promise((r) => backend.listen(0, '127.0.0.1', r));
console.log(`replay backend listening on http://127.0.0.1:${backend.address().port}`);

// One stream through PORT; returns per-event delays in microseconds. The client cuts the byte
// stream into events the same way, so event k at the client is event k of the backend.
function measure(port, virtualModel) {
  return new Promise((resolve) => {
    const body = JSON.stringify({
      model: virtualModel, stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Explain the tides.' }],
    });
    const arrivals = [];
    const req = post(port, '/v1/chat/completions', body, {}, (res) => {
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        const now = process.hrtime.bigint();
        pending += d;
        let cut;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          arrivals.push(now);
          pending = pending.slice(cut + 2);
        }
      });
      res.on('end', () => {
        const n = Math.min(arrivals.length, writeTimes.length);
        const delays = [];
        for (let k = 0; k < n; k += 1) delays.push(Number(arrivals[k] - writeTimes[k]) / 1000);
        resolve({ ok: res.statusCode === 200 && arrivals.length === events.length, delays });
      });
    });
    req.on('error', () => resolve({ ok: false, delays: [] }));
    req.end(body);
  });
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

// `streams`: one {ok, delays} per round.
function summary(path, streams) {
  const delays = streams.flatMap((s) => s.delays);
  const sorted = [...delays].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  const roundP50 = streams.map((s) => +quantile([...s.delays].sort((a, b) => a - b), 0.5).toFixed(1));
  return {
    path, ok: streams.every((s) => s.ok), events: delays.length, mean_us: +mean.toFixed(1),
    p50_us: +quantile(sorted, 0.5).toFixed(1), p99_us: +quantile(sorted, 0.99).toFixed(1),
    max_us: +(sorted.at(-1) ?? 0).toFixed(1), round_p50_us: roundP50,
  };
}

const rl = readline.createInterface({ input: process.stdin });
const line = await new Promise((r) => rl.once('line', r));
rl.close();
const targets = [['direct', backend.address().port, model]];
for (const pair of line.trim().split(/\s+/).filter(Boolean)) {
  const [name, port, virtualModel] = pair.split(/[=,]/);
  targets.push([name, Number(port), virtualModel || model]);
}
for (const [, port, virtualModel] of targets) await measure(port, virtualModel);  // warm-up
const streams = targets.map(() => []);
for (let round = 0; round < rounds; round += 1) {
  for (const [i, [, port, virtualModel]] of targets.entries()) {
    streams[i].push(await measure(port, virtualModel));
  }
}
let allOk = true;
for (const [i, [name]] of targets.entries()) {
  const result = summary(name, streams[i]);
  allOk &&= result.ok;
  console.log(JSON.stringify(result));
}
agent.destroy();
backend.close();
process.exit(allOk ? 0 : 1);
