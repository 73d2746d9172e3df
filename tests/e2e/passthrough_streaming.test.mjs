// Pass-through of paths the proxy does not rewrite, with qwen35-proxy in front of a small Node
// backend started here: event streams relayed event by event (proved causally: the backend holds
// each next event back until the client has the previous one), a 1 GiB upload streamed with
// bounded proxy memory (peak RSS from /proc), and hop-by-hop headers removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { startStack } from './harness.mjs';

const GiB = 1024 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const RSS_LIMIT_KIB = 64 * 1024;
const EVENT_WAIT_MS = 20000; // only bounds a failure (a buffering proxy); success never waits on it

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

function withDeadline(promise, ms, message) {
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

// --- the backend --------------------------------------------------------------------------------

// What the backend saw, per test, and the script of the next event stream.
const seen = [];
let sseScript = null; // { events: string[], gates: deferred[], status, headers }

async function drain(req) {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of req) {
    bytes += chunk.length;
    hash.update(chunk);
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function serveEvents(req, res) {
  const script = sseScript;
  const requestBody = await drain(req);
  seen.push({ method: req.method, url: req.url, headers: req.headers, requestBody });
  res.writeHead(script.status, script.headers);
  res.flushHeaders();
  for (let i = 0; i < script.events.length; i += 1) {
    res.write(script.events[i]);
    if (i + 1 < script.events.length) {
      try {
        // The next event is written only once the client has this one.
        await withDeadline(script.gates[i].promise, EVENT_WAIT_MS, `client never got event ${i + 1}`);
      } catch {
        res.destroy();
        return;
      }
    }
  }
  res.end();
}

async function handle(req, res) {
  const path = req.url.split('?')[0];
  if ((req.method === 'POST' && path === '/v1/responses') || (req.method === 'GET' && path === '/custom/events')) {
    return serveEvents(req, res);
  }
  if (req.method === 'PUT' && path === '/v1/files/blob') {
    const body = await drain(req);
    seen.push({ method: req.method, url: req.url, headers: req.headers, requestBody: body });
    const answer = JSON.stringify({ ...body, url: req.url });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
    return res.end(answer);
  }
  if (req.method === 'GET' && path === '/hop') {
    await drain(req);
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    const answer = 'hop-by-hop test body\n';
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Content-Length': Buffer.byteLength(answer),
      'Connection': 'close, X-Hop',
      'X-Hop': '1',
      'Keep-Alive': 'timeout=5',
      'X-End-To-End': 'kept',
    });
    return res.end(answer);
  }
  // Anything else (the proxy's start-up checks of /health, /v1/models, /version, ...): not here.
  await drain(req);
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found\n');
}

// --- the client ---------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: false });
let backend;
let stack;

before(async () => {
  backend = http.createServer((req, res) => {
    handle(req, res).catch((error) => { res.destroy(error); });
  });
  backend.requestTimeout = 0; // the 1 GiB upload may take a while under sanitizers
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const { port } = backend.address();
  stack = await startStack({
    backendUrl: `http://127.0.0.1:${port}`,
    proxyArgs: ['--served-model', 'Qwen3.5-35B-A3B', '--no-metrics'],
  });
});

after(async () => {
  await stack?.close();
  agent.destroy();
  if (backend) {
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
  }
});

// Sends a request to the proxy; resolves with the response (body not read yet).
function send(method, path, { headers = {}, body = null } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${stack.proxyUrl}${path}`, { method, headers, agent }, resolve);
    req.on('error', reject);
    if (body === null) {
      req.end();
    } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
      req.end(body);
    } else {
      pipeline(body, req).catch(reject);
    }
  });
}

async function readAll(res) {
  const chunks = [];
  for await (const chunk of res) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function peakRssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  assert.ok(match, 'VmHWM in /proc/<pid>/status');
  return Number(match[1]);
}

// --- tests --------------------------------------------------------------------------------------

const EVENTS = [
  'event: response.created\nid: 1\ndata: {"type":"response.created","seq":1}\n\n',
  ': keep-alive comment\n\ndata: {"type":"response.output_text.delta","delta":"Hel"}\ndata: {"continued":true}\n\n',
  'event: response.completed\nid: 3\ndata: {"type":"response.completed","seq":3}\n\n',
  'data: [DONE]\n\n',
];

const STREAM_CASES = [
  { method: 'POST', path: '/v1/responses?stream=true&trace=a%2Fb&empty=', body: '{"model":"anything","input":"hi","stream":true}' },
  { method: 'GET', path: '/custom/events?since=42&name=two%20words&x=1&x=2', body: null },
];

for (const { method, path, body } of STREAM_CASES) {
  test(`${method} ${path.split('?')[0]}: an event stream is relayed event by event, unchanged`, { timeout: 60000 }, async () => {
    const gates = EVENTS.map(() => deferred());
    sseScript = {
      events: EVENTS,
      gates,
      status: 201,
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Stream-Id': 'stream-7' },
    };
    seen.length = 0;
    const headers = body === null ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
    const res = await withDeadline(send(method, path, { headers, body }), EVENT_WAIT_MS,
      'no response head from the proxy while the backend holds the stream open');
    assert.equal(res.statusCode, 201, 'status preserved');
    assert.equal(res.headers['x-stream-id'], 'stream-7', 'custom response header preserved');
    assert.match(res.headers['content-type'], /^text\/event-stream/);

    // Every event boundary seen opens the gate of that event, letting the backend write the next.
    const received = [];
    let text = '';
    let complete = 0;
    const reading = (async () => {
      for await (const chunk of res) {
        received.push(chunk);
        text += chunk.toString('utf8');
        let expected = EVENTS.slice(0, complete + 1).join('');
        while (complete < EVENTS.length && text.length >= expected.length) {
          assert.equal(text.slice(0, expected.length), expected, `bytes up to event ${complete + 1}`);
          gates[complete].resolve();
          complete += 1;
          expected = EVENTS.slice(0, complete + 1).join('');
        }
      }
    })();
    await withDeadline(reading, EVENT_WAIT_MS * 2,
      `stream stalled after ${complete} of ${EVENTS.length} events: the proxy held back an event the backend had sent`);
    assert.equal(complete, EVENTS.length, 'all events arrived');
    assert.ok(Buffer.concat(received).equals(Buffer.from(EVENTS.join(''))), 'body bytes identical to what the backend sent');

    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, method);
    assert.equal(seen[0].url, path, 'path and query string reach the backend unchanged');
    if (body !== null) {
      assert.equal(seen[0].requestBody.bytes, Buffer.byteLength(body), 'request body passed through');
      assert.equal(seen[0].requestBody.sha256, createHash('sha256').update(body).digest('hex'));
    }
  });
}

// 1 GiB generated 1 MiB at a time; each chunk carries its index, so loss or reordering changes the
// digest. Only one chunk exists at a time on this side.
function gibibyteUpload() {
  const hash = createHash('sha256');
  const base = Buffer.alloc(CHUNK, 'qwen35-proxy pass-through upload ');
  let index = 0;
  const stream = new Readable({
    highWaterMark: CHUNK,
    read() {
      if (index * CHUNK >= GiB) {
        this.push(null);
        return;
      }
      const chunk = Buffer.from(base);
      chunk.writeUInt32BE(index, 0);
      index += 1;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

test('a 1 GiB upload passes through with bounded proxy memory', { timeout: 240000 }, async (t) => {
  seen.length = 0;
  const startPeak = peakRssKiB(stack.proxyPid);
  const upload = gibibyteUpload();
  const started = Date.now();
  const res = await send('PUT', '/v1/files/blob?x=1', {
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': GiB },
    body: upload.stream,
  });
  const answer = JSON.parse((await readAll(res)).toString('utf8'));
  const seconds = (Date.now() - started) / 1000;
  const peak = peakRssKiB(stack.proxyPid);
  t.diagnostic(`1 GiB in ${seconds.toFixed(1)} s; proxy peak RSS ${(startPeak / 1024).toFixed(1)} MiB before, ${(peak / 1024).toFixed(1)} MiB after`);

  assert.equal(res.statusCode, 200);
  assert.equal(answer.bytes, GiB, 'the backend received exactly 1 GiB');
  assert.equal(answer.sha256, upload.digest(), 'the bytes arrived unchanged and in order');
  assert.equal(answer.url, '/v1/files/blob?x=1', 'query string preserved');
  if (process.env.QWEN35_SANITIZED_BUILD) {
    t.diagnostic('sanitizer build: the memory bound is checked by the plain build only');
  } else {
    assert.ok(peak < RSS_LIMIT_KIB, `proxy peak RSS ${peak} KiB must stay under ${RSS_LIMIT_KIB} KiB`);
  }
});

test('hop-by-hop headers are removed both ways, end-to-end ones kept', { timeout: 30000 }, async () => {
  seen.length = 0;
  const res = await send('GET', '/hop', {
    headers: { 'Connection': 'close, X-Req-Hop', 'X-Req-Hop': '1', 'Keep-Alive': 'timeout=9', 'X-Req-End': 'kept' },
  });
  const body = (await readAll(res)).toString('utf8');
  assert.equal(res.statusCode, 200);
  assert.equal(body, 'hop-by-hop test body\n');
  assert.equal(res.headers['x-end-to-end'], 'kept');
  assert.equal(res.headers['x-hop'], undefined, 'a response header named in Connection is removed');
  assert.equal(res.headers['keep-alive'], undefined, "the backend's Keep-Alive is removed");
  assert.doesNotMatch(res.headers.connection ?? '', /x-hop/i, "the backend's Connection header is not relayed");

  assert.equal(seen.length, 1);
  const upstream = seen[0].headers;
  assert.equal(upstream['x-req-end'], 'kept');
  assert.equal(upstream['x-req-hop'], undefined, 'a request header named in Connection is removed');
  assert.equal(upstream['keep-alive'], undefined, "the client's Keep-Alive is removed");
  assert.doesNotMatch(upstream.connection ?? '', /x-req-hop/i, "the client's Connection header is not relayed");
});
