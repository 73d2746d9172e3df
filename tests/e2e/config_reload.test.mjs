// SIGHUP reloads the --config file: new requests see the new virtual models at once, a stream in
// flight finishes as the virtual model it started with, and a file that does not load changes
// nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'qwen35-reload-'));
const configFile = join(dir, 'models.toml');

function modelFile(name, temperature) {
  return `[backend]
served_model = "Qwen3.5-35B-A3B"

[[models]]
name = "${name}"
[models.params]
temperature = { force = ${temperature} }
[models.chat_template_kwargs]
enable_thinking = { force = false }
`;
}

writeFileSync(configFile, modelFile('alpha', '0.5'));
const stack = await startStack({ proxyArgs: ['--config', configFile] });
after(() => stack.close());

function chat(model, stream, headers = {}) {
  return fetch(`${stack.proxyUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

async function servedModels() {
  const response = await fetch(`${stack.proxyUrl}/v1/models`);
  const list = await response.json();
  return list.data.map((card) => card.id);
}

// Polls /v1/models until `name` is listed (the signal is handled asynchronously).
async function waitForModel(name) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    if ((await servedModels()).includes(name)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${name} did not appear after SIGHUP`);
}

test('SIGHUP swaps the virtual models while a stream in flight keeps its own', { timeout: 60000 }, async () => {
  assert.deepEqual(await servedModels(), ['alpha']);
  const stream = await chat('alpha', true, { 'x-sim-tokens': '40', 'x-sim-tpot-ms': '25' });
  assert.equal(stream.status, 200);
  const reader = stream.body.getReader();
  const first = await reader.read();
  assert.ok(!first.done);

  writeFileSync(configFile, modelFile('beta', '0.25'));
  stack.signalProxy('SIGHUP');
  await waitForModel('beta');
  assert.deepEqual(await servedModels(), ['beta']);
  assert.equal((await chat('alpha', false)).status, 404);
  const answer = await chat('beta', false);
  assert.equal(answer.status, 200);
  assert.equal((await answer.json()).model, 'beta');

  let text = Buffer.from(first.value).toString('utf8');
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  assert.match(text, /data: \[DONE\]\n\n$/);
  assert.match(text, /"model":"alpha"/);
  assert.doesNotMatch(text, /"model":"beta"/);
});

test('a file that does not load leaves the running configuration in place', { timeout: 30000 }, async () => {
  writeFileSync(configFile, modelFile('gamma', '0.1') + 'unknown_key = 1\n');
  stack.signalProxy('SIGHUP');
  await new Promise((resolve) => setTimeout(resolve, 500));  // the reload is refused and logged
  assert.deepEqual(await servedModels(), ['beta']);
  assert.equal((await chat('beta', false)).status, 200);
});
