// Starts the built vllm-sim and qwen35-proxy on free ports for end-to-end tests, reading each
// one's bound port from the first line it prints (no sleeping), and stops them at the end.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must name the built binary (set by ctest)`);
  return value;
}

// Spawns a server and resolves with { child, url } once it printed "... listening on URL". With
// `stderrLines` (an array), the server's stderr is collected into it line by line (and still shown).
function startServer(binary, args, stderrLines = null) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', stderrLines ? 'pipe' : 'inherit'] });
    if (stderrLines) {
      createInterface({ input: child.stderr }).on('line', (line) => {
        stderrLines.push(line);
        process.stderr.write(`${line}\n`);
      });
    }
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`${binary} did not start in 20 s`)), 20000);
    child.once('exit', (code) => reject(new Error(`${binary} exited with ${code} before listening`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (!match) return reject(new Error(`unexpected first line from ${binary}: ${line}`));
      lines.on('line', (rest) => process.stderr.write(`${rest}\n`));
      resolve({ child, url: match[1] });
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

// Starts the simulator and the proxy in front of it. `simArgs`/`proxyArgs` add flags. With
// `backendUrl`, no simulator is started and the proxy is put in front of that backend instead
// (simStats/resetSim are then unavailable). `proxyPid` is the proxy process id (for /proc);
// `signalProxy(name)` sends it a signal (SIGHUP reloads its configuration). `proxyLogLines` is every
// line the proxy wrote to stderr so far (a pipe, as under journald).
export async function startStack({ simArgs = [], proxyArgs = [], backendUrl = null } = {}) {
  const sim = backendUrl
    ? null
    : await startServer(required('VLLM_SIM_BIN'), ['--port', '0', '--ttft-ms', '5', '--tpot-ms', '1', ...simArgs]);
  let proxy;
  const proxyLogLines = [];
  try {
    proxy = await startServer(required('QWEN35_PROXY_BIN'),
      ['--listen', '127.0.0.1', '--port', '0', '--no-metrics', '--target', backendUrl ?? sim.url, ...proxyArgs],
      proxyLogLines);
  } catch (error) {
    if (sim) await stop(sim.child);
    throw error;
  }
  const needSim = () => {
    if (!sim) throw new Error('no simulator: the stack was started with backendUrl');
    return sim;
  };
  return {
    simUrl: sim?.url ?? null,
    proxyUrl: proxy.url,
    proxyPid: proxy.child.pid,
    proxyLogLines,
    signalProxy(signal) {
      proxy.child.kill(signal);
    },
    async simStats() {
      const response = await fetch(`${needSim().url}/sim/stats`);
      return response.json();
    },
    async resetSim() {
      await fetch(`${needSim().url}/sim/reset`, { method: 'POST' });
    },
    async close() {
      await stop(proxy.child);
      if (sim) await stop(sim.child);
    },
  };
}
