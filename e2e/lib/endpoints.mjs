// Real local endpoints for the push tests, started by the test itself on 127.0.0.1:
// moto_server (from the project's .venv) and the SigV4-verifying relay of ../shared/tools.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = process.env.SHARED_DIR ?? path.resolve(ROOT, '..', 'shared');
const VENV_BIN = path.join(ROOT, '.venv', 'bin');
export const PYTHON = existsSync(path.join(VENV_BIN, 'python')) ? path.join(VENV_BIN, 'python') : 'python3';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForHttp(url, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try { await fetch(url); return; } catch { await new Promise((r) => setTimeout(r, 150)); }
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** A moto_server on a free port. Returns { url, stop }. */
export async function startMoto() {
  const port = await freePort();
  const bin = existsSync(path.join(VENV_BIN, 'moto_server')) ? path.join(VENV_BIN, 'moto_server') : 'moto_server';
  const proc = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/moto-api/`);
  return { url, stop: () => proc.kill() };
}

/** The SigV4-verifying endpoint (forwarding to `forward` if given). Returns { url, stop }. */
export async function startVerifier({ forward, accessKeyId, secretAccessKey }) {
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'sigv4-')), 'requests.jsonl');
  const args = [path.join(SHARED, 'tools', 'sigv4_verify_server.py'), '0', log,
    '--access-key-id', accessKeyId, '--secret-access-key', secretAccessKey, '--quiet'];
  if (forward) args.push('--forward', forward);
  const proc = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout });
    rl.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`verifier exited with ${code}`)));
  });
  const url = first.match(/listening on (\S+)/)?.[1];
  if (!url) throw new Error(`unexpected verifier output: ${first}`);
  return { url, log, stop: () => proc.kill() };
}

/** Run a boto3 snippet with the project's Python; `code` prints JSON to stdout. */
export function boto3(code, env) {
  const out = execFileSync(PYTHON, ['-c', code], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out);
}

/** The project's own local Data Pipeline endpoint (target/debug/pipeline-studio-server, built
 *  by scripts/test before the e2e stage). Returns { url, stop }. */
export async function startLocalEndpoint(args = ['--clock', 'manual'], { env = process.env } = {}) {
  const target = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
  const bin = process.env.SERVER_BIN ?? path.join(target, 'debug', 'pipeline-studio-server');
  const proc = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const first = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout });
    rl.once('line', resolve);
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`pipeline-studio-server exited with ${code}`)));
  });
  const url = first.match(/listening on (\S+)/)?.[1];
  if (!url) throw new Error(`unexpected server output: ${first}`);
  return { url, stop: () => proc.kill() };
}

/** `pipeline-studio-server --relay` in front of `upstream`, with the AWS credentials chain
 *  reading only a credentials FILE written here (no keys in its environment, no config file,
 *  no instance metadata). Returns { url, stop, credentialsFile }. */
export async function startRelay({ upstream, accessKeyId, secretAccessKey, region = 'us-east-1', args = [] }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-'));
  const credentialsFile = path.join(dir, 'credentials');
  writeFileSync(credentialsFile,
    `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`);
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k];
  Object.assign(env, {
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_CONFIG_FILE: path.join(dir, 'no-config'),
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const relay = await startLocalEndpoint(['--relay', '--upstream', upstream, ...args], { env });
  return { ...relay, credentialsFile };
}
