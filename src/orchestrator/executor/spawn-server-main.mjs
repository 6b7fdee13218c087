// The spawn server: a small long-lived Node process that spawns task
// subprocesses for the scheduler or a worker, so the large orchestrator
// process never forks (docs/decisions.md, "Tasks are spawned by a spawn
// server"). Plain JavaScript run without a loader, so it stays small.
//
// Protocol: one JSON object per line (src/orchestrator/executor/spawn-protocol.ts).
//   stdin:  {"spawn":id,"command":[file,...args],"cwd":dir,"timeoutMs":n}  (0 = no limit)
//           {"kill":id,"signal":"SIGKILL"}
//   stdout: {"ready":pid} once, then per task {"started":id,"pid":p,"atUs":t}
//           and {"exited":id,"spawnedAtUs":t,"atUs":t,"exit":{kind,…}}
// Times are this host's monotonic clock in µs; the client converts them.
//
// Every task leads its own process group (detached), so a timeout or a kill
// reaches everything it started. When stdin ends (the client closed it or died)
// every running task's group is killed and the server exits: no task outlives
// its orchestrator. SIGINT and SIGTERM are ignored (a terminal's Ctrl-C reaches
// the whole foreground group): the client decides how its tasks stop.
import { spawn } from 'node:child_process';
import { setImmediate } from 'node:timers';

/** @type {Map<number, { pid: number | undefined; timedOut: boolean; timer: NodeJS.Timeout | undefined }>} */
const running = new Map();
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

let outgoing = [];
/** Replies of one event-loop turn go out in one write. */
function send(message) {
  outgoing.push(JSON.stringify(message));
  if (outgoing.length === 1) setImmediate(flush);
}
function flush() {
  const lines = outgoing;
  outgoing = [];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function killGroup(pid, signal) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

function startTask({ spawn: id, command, cwd, timeoutMs }) {
  const spawnedAtUs = monotonicUs();
  const task = { pid: undefined, timedOut: false, timer: undefined };
  running.set(id, task);
  let settled = false;
  const finish = (exit) => {
    if (settled) return;
    settled = true;
    clearTimeout(task.timer);
    running.delete(id);
    send({ exited: id, spawnedAtUs, atUs: monotonicUs(), exit });
  };
  let child;
  try {
    child = spawn(command[0], command.slice(1), { stdio: 'ignore', detached: true, cwd });
  } catch (error) {
    finish({ kind: 'spawn-failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  child.once('error', (error) => {
    // Only a failed start reports an error before an exit (a failed kill is caught in killGroup).
    finish({ kind: 'spawn-failed', message: error.message });
  });
  child.once('exit', (code, signal) => {
    finish(signal ? { kind: 'killed', signal, timedOut: task.timedOut } : { kind: 'exited', exitCode: code ?? -1 });
  });
  if (child.pid === undefined) return; // the 'error' event follows
  task.pid = child.pid;
  send({ started: id, pid: child.pid, atUs: spawnedAtUs });
  if (timeoutMs > 0) {
    task.timer = setTimeout(() => {
      task.timedOut = true;
      killGroup(task.pid, 'SIGKILL');
    }, timeoutMs);
  }
}

function handle(line) {
  if (line === '') return;
  const message = JSON.parse(line);
  if (message.spawn !== undefined) startTask(message);
  else if (message.kill !== undefined) killGroup(running.get(message.kill)?.pid, message.signal ?? 'SIGKILL');
  else throw new Error(`spawn server: unknown request ${line}`);
}

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    handle(line);
  }
});
/** The client is gone or done: no task outlives it. */
function killAllAndExit() {
  for (const task of running.values()) killGroup(task.pid, 'SIGKILL');
  process.exit(0);
}
process.stdin.on('end', killAllAndExit);
process.stdout.on('error', killAllAndExit); // EPIPE: the client died
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
send({ ready: process.pid });
