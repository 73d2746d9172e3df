// The real binary's access log on a pipe (as under journald): every request gets exactly one whole
// line, promptly when it is alone and also when many end together (the lines are then written in
// batches, one write per pass of the event loop).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.close();
});

const chat = JSON.stringify({
  model: 'qwen3.5-instruct-general',
  messages: [{ role: 'user', content: 'hi' }],
});

async function ask() {
  const response = await fetch(`${stack.proxyUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: chat,
  });
  assert.equal(response.status, 200);
  await response.text();
  return response.headers.get('x-request-id');
}

// The access-log lines naming `id`, once at least `count` such lines for all `ids` are there.
async function accessLines(ids, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = stack.proxyLogLines.filter((line) => / request_id=\S+ client=/.test(line));
    const found = ids.map((id) => lines.filter((line) => line.includes(` request_id=${id} `)));
    if (found.every((matches) => matches.length > 0) || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a lone request has its line within a moment', async () => {
  const id = await ask();
  const started = Date.now();
  const [lines] = await accessLines([id], 2000);
  assert.equal(lines.length, 1, `no access-log line for ${id}`);
  assert.ok(Date.now() - started < 1000, 'the line waited for more requests');
  assert.match(lines[0], / status=200 .* outcome=ok$/);
});

test('many requests ending together each get exactly one whole line', async () => {
  const ids = await Promise.all(Array.from({ length: 64 }, () => ask()));
  assert.equal(new Set(ids).size, 64);
  const found = await accessLines(ids);
  for (const [index, lines] of found.entries()) {
    assert.equal(lines.length, 1, `request ${ids[index]}: ${lines.length} lines`);
    assert.match(lines[0], /^\S+ info request_id=\S+ client=\S+ .* outcome=ok$/);
  }
});
