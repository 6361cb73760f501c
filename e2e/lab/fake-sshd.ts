/**
 * Fake listeners for the security tests, run as a child process (never inside the test process,
 * so its event loop and sockets are its own):
 *
 *   node --import tsx e2e/lab/fake-sshd.ts --log FILE [--bind ADDR] [--ssh N] [--not-ssh N]
 *        [--silent N] [--hold N] [--hold-ms MS]
 *
 * - ssh: an ssh2 server with a fresh host key that refuses every login and logs every attempt
 *   (method, user, the password in clear, keyboard-interactive answers) — what an attacker's
 *   sshd would see.
 * - not-ssh: answers the SSH identification with an HTTP 400 and closes (an open, non-SSH port).
 * - silent: accepts and never says anything.
 * - hold: accepts, holds the socket for --hold-ms, then closes it (counts concurrent sockets).
 *
 * Every socket open/close is logged with the number of sockets of that kind open at the time.
 * The first stdout line is JSON: the ports of each kind and the ssh host key (base64 blob).
 */
import { appendFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import ssh2 from 'ssh2';
import { ed25519Pair } from '../../server/ssh/keys.test-helper';

type Kind = 'ssh' | 'not-ssh' | 'silent' | 'hold';
const KINDS: Kind[] = ['ssh', 'not-ssh', 'silent', 'hold'];

const { values } = parseArgs({
  options: {
    log: { type: 'string' },
    bind: { type: 'string', default: '127.0.0.1' },
    ssh: { type: 'string', default: '0' },
    'not-ssh': { type: 'string', default: '0' },
    silent: { type: 'string', default: '0' },
    hold: { type: 'string', default: '0' },
    'hold-ms': { type: 'string', default: '200' },
  },
});
const logFile = values.log;
if (!logFile) throw new Error('--log FILE is required');
const bind = values.bind ?? '127.0.0.1';
const holdMs = Number(values['hold-ms']);

const log = (event: Record<string, unknown>) =>
  appendFileSync(logFile, `${JSON.stringify({ t: Date.now(), ...event })}\n`);

const hostKey = ed25519Pair();
const publicKey = hostKey.public.split(' ')[1] ?? '';

/** The local port each ssh connection came in on, by the client's address and port. */
const localPortOf = new Map<string, number>();

// One ssh2 server handles the sockets of every ssh port (injectSocket), so it never listens itself.
const sshd = new ssh2.Server({ hostKeys: [hostKey.private] }, (client, info) => {
  const port = localPortOf.get(`${info.ip}:${info.port}`);
  client.on('authentication', (ctx) => {
    const base = { event: 'auth', port, method: ctx.method, username: ctx.username };
    if (ctx.method === 'password') {
      log({ ...base, password: ctx.password });
      return ctx.reject(['password', 'keyboard-interactive', 'publickey']);
    }
    if (ctx.method === 'keyboard-interactive') {
      log(base);
      return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
        log({ ...base, method: 'keyboard-interactive-answer', password: answers[0] });
        ctx.reject(['password', 'keyboard-interactive', 'publickey']);
      });
    }
    log({ ...base, keyAlgo: ctx.method === 'publickey' ? ctx.key.algo : undefined });
    ctx.reject(['password', 'keyboard-interactive', 'publickey']);
  });
  client.on('error', () => undefined);
});

const open: Record<Kind, number> = { ssh: 0, 'not-ssh': 0, silent: 0, hold: 0 };

function handle(kind: Kind, port: number, socket: Socket) {
  open[kind]++;
  log({ event: 'open', kind, port, open: open[kind], from: socket.remoteAddress });
  // A socket stops counting the moment either side closes it: when this fake destroys it (its
  // 'close' event comes only in a later phase of the loop, after the client may already have
  // connected again) or when the client's FIN arrives.
  let counted = true;
  const gone = () => {
    if (!counted) return;
    counted = false;
    open[kind]--;
    log({ event: 'close', kind, port, open: open[kind] });
  };
  socket.on('end', gone);
  socket.on('close', gone);
  socket.on('error', () => undefined);
  if (kind === 'ssh') {
    localPortOf.set(`${socket.remoteAddress}:${socket.remotePort}`, port);
    sshd.injectSocket(socket);
  } else if (kind === 'not-ssh') socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  else if (kind === 'hold')
    setTimeout(() => {
      gone();
      socket.destroy();
    }, holdMs);
}

function listen(kind: Kind): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    let port = 0;
    const server = createServer((socket) => handle(kind, port, socket));
    server.on('error', reject);
    server.listen(0, bind, () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, port });
    });
  });
}

const servers: Server[] = [];
const ports: Record<Kind, number[]> = { ssh: [], 'not-ssh': [], silent: [], hold: [] };
for (const kind of KINDS) {
  for (let i = 0; i < Number(values[kind]); i++) {
    const { server, port } = await listen(kind);
    servers.push(server);
    ports[kind].push(port);
  }
}
process.on('SIGTERM', () => {
  for (const s of servers) s.close();
  process.exit(0);
});
process.stdout.write(`${JSON.stringify({ ports, publicKey })}\n`);
