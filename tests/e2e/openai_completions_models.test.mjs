// End to end with the official `openai` npm client (pinned in package.json): the legacy text
// completions API (streaming and not) and the models list, through qwen35-proxy in front of
// vllm-sim. Raw prompts bypass the chat template, so vLLM must get the profile's sampling values
// but no chat_template_kwargs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startStack } from './harness.mjs';

const PROFILES = {
  'qwen3.5-thinking-general': { temperature: 1.0, top_p: 0.95, top_k: 20 },
  'qwen3.5-thinking-coding': { temperature: 0.6, top_p: 0.95, top_k: 20 },
  'qwen3.5-instruct-general': { temperature: 0.7, top_p: 0.8, top_k: 20 },
  'qwen3.5-instruct-reasoning': { temperature: 1.0, top_p: 1.0, top_k: 40 },
};
const SERVED_MODEL = 'Qwen3.5-35B-A3B';
const MAX_MODEL_LEN = 262144;

let stack;
let client;

before(async () => {
  stack = await startStack({ proxyArgs: ['--no-metrics'] });
  client = new OpenAI({ baseURL: `${stack.proxyUrl}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 20000 });
});

after(async () => {
  await stack?.close();
});

// The most recent request vLLM received, with its body parsed.
async function lastUpstream() {
  const stats = await stack.simStats();
  const last = stats.last_requests.at(-1);
  return { target: last.target, body: JSON.parse(last.body) };
}

async function assertProfileReachedVllm(name, { stream }) {
  const { target, body } = await lastUpstream();
  assert.equal(target, '/v1/completions');
  assert.equal(body.model, SERVED_MODEL);
  for (const [key, value] of Object.entries(PROFILES[name])) {
    assert.equal(body[key], value, `${name}: ${key}`);
  }
  assert.ok(!('chat_template_kwargs' in body), `${name}: no chat_template_kwargs for a raw prompt`);
  assert.equal(body.stream ?? false, stream);
}

for (const name of Object.keys(PROFILES)) {
  test(`${name}: completions.create, non-streaming`, async () => {
    const completion = await client.completions.create({
      model: name,
      prompt: 'Once upon a time',
      max_tokens: 8,
    });
    assert.equal(completion.model, name);
    assert.equal(completion.object, 'text_completion');
    assert.equal(completion.choices.length, 1);
    assert.ok(completion.choices[0].text.length > 0, 'text');
    assert.ok(completion.usage.completion_tokens > 0, 'usage');
    await assertProfileReachedVllm(name, { stream: false });
  });

  test(`${name}: completions.create, streaming`, async () => {
    const stream = await client.completions.create({
      model: name,
      prompt: 'Once upon a time',
      max_tokens: 8,
      stream: true,
    });
    let text = '';
    let chunks = 0;
    let finish = null;
    for await (const chunk of stream) {
      chunks += 1;
      assert.equal(chunk.model, name, 'every chunk carries the virtual model');
      for (const choice of chunk.choices) {
        text += choice.text ?? '';
        finish = choice.finish_reason ?? finish;
      }
    }
    assert.ok(chunks > 1, 'more than one chunk');
    assert.ok(text.length > 0, 'streamed text');
    assert.ok(finish, 'a finish_reason arrived');
    await assertProfileReachedVllm(name, { stream: true });
  });
}

test('models.list: the four virtual models, each with the backend card', async () => {
  const ids = [];
  for await (const model of client.models.list()) {
    ids.push(model.id);
    assert.equal(model.object, 'model');
    assert.equal(model.max_model_len, MAX_MODEL_LEN, `${model.id}: max_model_len`);
  }
  assert.deepEqual([...ids].sort(), Object.keys(PROFILES).sort());
});
