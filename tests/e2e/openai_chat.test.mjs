// End to end with the official `openai` npm client (pinned in package.json): every virtual model,
// streaming and not, with and without tools, through qwen35-proxy in front of vllm-sim.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startStack } from './harness.mjs';

const PROFILES = {
  'qwen3.5-thinking-general': { thinking: true, temperature: 1.0, top_p: 0.95, top_k: 20, min_p: 0.0, presence_penalty: 1.5, repetition_penalty: 1.0 },
  'qwen3.5-thinking-coding': { thinking: true, temperature: 0.6, top_p: 0.95, top_k: 20, min_p: 0.0, presence_penalty: 0.0, repetition_penalty: 1.0 },
  'qwen3.5-instruct-general': { thinking: false, temperature: 0.7, top_p: 0.8, top_k: 20, min_p: 0.0, presence_penalty: 1.5, repetition_penalty: 1.0 },
  'qwen3.5-instruct-reasoning': { thinking: false, temperature: 1.0, top_p: 1.0, top_k: 40, min_p: 0.0, presence_penalty: 2.0, repetition_penalty: 1.0 },
};
const SERVED_MODEL = 'Qwen3.5-35B-A3B';
const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let stack;
let client;

before(async () => {
  stack = await startStack();
  client = new OpenAI({ baseURL: `${stack.proxyUrl}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 20000 });
});

after(async () => {
  await stack?.close();
});

// The body vLLM received for the most recent request, parsed.
async function lastUpstreamBody() {
  const stats = await stack.simStats();
  const last = stats.last_requests.at(-1);
  return JSON.parse(last.body);
}

async function assertProfileReachedVllm(name) {
  const body = await lastUpstreamBody();
  const profile = PROFILES[name];
  assert.equal(body.model, SERVED_MODEL);
  for (const key of ['temperature', 'top_p', 'top_k', 'min_p', 'presence_penalty', 'repetition_penalty']) {
    assert.equal(body[key], profile[key], `${name}: ${key}`);
  }
  assert.equal(body.chat_template_kwargs.enable_thinking, profile.thinking, `${name}: enable_thinking`);
}

for (const [name, profile] of Object.entries(PROFILES)) {
  test(`${name}: non-streaming answer`, async () => {
    const completion = await client.chat.completions.create({
      model: name,
      messages: [{ role: 'user', content: 'Say hello to the proxy.' }],
    });
    assert.equal(completion.model, name);
    const message = completion.choices[0].message;
    assert.ok(typeof message.content === 'string' && message.content.trim().length > 0, 'content');
    if (profile.thinking) {
      assert.ok(typeof message.reasoning === 'string' && message.reasoning.length > 0, 'reasoning');
    } else {
      assert.ok(!message.reasoning, 'no reasoning for an instruct profile');
    }
    await assertProfileReachedVllm(name);
  });

  test(`${name}: streaming answer`, async () => {
    const stream = await client.chat.completions.create({
      model: name,
      messages: [{ role: 'user', content: 'Stream a greeting.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let reasoning = '';
    let usage = null;
    for await (const chunk of stream) {
      assert.equal(chunk.model, name);
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? '';
        reasoning += choice.delta.reasoning ?? '';
      }
    }
    assert.ok(content.trim().length > 0, 'streamed content');
    assert.equal(reasoning.length > 0, profile.thinking, 'streamed reasoning only when thinking');
    assert.ok(usage && usage.completion_tokens > 0, 'usage chunk');
    await assertProfileReachedVllm(name);
  });

  test(`${name}: tool call, non-streaming`, async () => {
    const completion = await client.chat.completions.create({
      model: name,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    assert.equal(completion.model, name);
    const choice = completion.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    const call = choice.message.tool_calls[0];
    assert.equal(call.function.name, 'get_weather');
    assert.equal(JSON.parse(call.function.arguments).city, 'Paris');
    await assertProfileReachedVllm(name);
  });

  test(`${name}: tool call, streaming`, async () => {
    const stream = await client.chat.completions.create({
      model: name,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
      stream: true,
    });
    const calls = [];
    let finish = null;
    for await (const chunk of stream) {
      assert.equal(chunk.model, name);
      for (const choice of chunk.choices) {
        finish = choice.finish_reason ?? finish;
        for (const delta of choice.delta.tool_calls ?? []) {
          calls[delta.index] ??= { name: '', arguments: '' };
          calls[delta.index].name += delta.function?.name ?? '';
          calls[delta.index].arguments += delta.function?.arguments ?? '';
        }
      }
    }
    assert.equal(finish, 'tool_calls');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].name, 'get_weather');
    assert.equal(JSON.parse(calls[0].arguments).city, 'Paris');
    await assertProfileReachedVllm(name);
  });
}

test('an unknown model is a 404 that lists the virtual models', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    (error) => error.status === 404 && /qwen3\.5-thinking-general/.test(error.message),
  );
});
