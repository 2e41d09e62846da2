/** The bench's parameters: the full run the issue asks for, and the quick one CI runs to keep the harness working. */
export interface Parameters {
  mode: 'full' | 'quick';
  /** Load-generator processes (forked; never the process under measurement). */
  generators: number;
  /** How long a server may settle before its memory is read (ms). */
  settleMs: number;
  w1: { groups: number; membersPerGroup: number; connectConcurrency: number; subscribeConcurrency: number };
  w2: { ratesPerGroup: number[]; stepSeconds: number; kneeP99Ms: number };
  w3: { attendees: number; messagesPerSecond: number; seconds: number; questionEvery: number };
  w4: { groups: number; membersPerGroup: number; ratesPerGroup: number[]; stepSeconds: number };
  w5: { seconds: number; connectionsPerGenerator: number; historyMessages: number; pageSize: number };
}

export const fullParameters: Parameters = {
  mode: 'full',
  generators: 2,
  settleMs: 2000,
  w1: { groups: 100, membersPerGroup: 100, connectConcurrency: 50, subscribeConcurrency: 100 },
  w2: { ratesPerGroup: [1, 2, 4, 8, 16, 32, 64, 128], stepSeconds: 10, kneeP99Ms: 250 },
  w3: { attendees: 2000, messagesPerSecond: 20, seconds: 20, questionEvery: 4 },
  w4: { groups: 100, membersPerGroup: 100, ratesPerGroup: [0.25, 1, 2], stepSeconds: 10 },
  w5: { seconds: 10, connectionsPerGenerator: 25, historyMessages: 300, pageSize: 50 },
};

export const quickParameters: Parameters = {
  mode: 'quick',
  generators: 2,
  settleMs: 200,
  w1: { groups: 10, membersPerGroup: 10, connectConcurrency: 20, subscribeConcurrency: 50 },
  w2: { ratesPerGroup: [1, 4], stepSeconds: 1, kneeP99Ms: 250 },
  w3: { attendees: 100, messagesPerSecond: 20, seconds: 1, questionEvery: 4 },
  w4: { groups: 10, membersPerGroup: 10, ratesPerGroup: [1], stepSeconds: 1 },
  w5: { seconds: 1, connectionsPerGenerator: 8, historyMessages: 120, pageSize: 50 },
};

export type WorkloadName = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6';
export type TargetName = 'ws' | 'socketio' | 'spejl';

export interface Options {
  parameters: Parameters;
  workloads: Set<WorkloadName>;
  targets: Set<TargetName>;
  /** Write a CPU profile of the single Spejl node (node --cpu-prof) to the results folder. */
  profile: boolean;
}

const usage = `Usage: pnpm bench [--quick] [--only=W1,W2,W3,W4,W5,W6] [--targets=ws,socketio,spejl] [--profile]
  --quick     small numbers, under a minute; checks only that nothing is lost or doubled (CI runs this)
  --only      run some workloads (W1 and W2 share their connections, so either runs both; W6's per-connection
              figures come from W1, so W6 alone gives only its large group)
  --targets   which chat servers to measure in W1–W3 (default: all three)
  --profile   also write a CPU profile of the Spejl node to tests/load/results/profiles/
  --connections=N  W1/W2 connections (rounded to groups of the configured size)`;

export function parseOptions(argv: string[]): Options {
  let parameters = structuredClone(fullParameters);
  const workloads = new Set<WorkloadName>(['W1', 'W2', 'W3', 'W4', 'W5', 'W6']);
  const targets = new Set<TargetName>(['ws', 'socketio', 'spejl']);
  let profile = false;
  let connections: number | undefined;
  for (const argument of argv) {
    const [flag, value] = argument.split('=', 2) as [string, string | undefined];
    if (flag === '--quick') parameters = structuredClone(quickParameters);
    else if (flag === '--profile') profile = true;
    else if (flag === '--only' && value) {
      workloads.clear();
      for (const name of value.toUpperCase().split(',')) {
        if (!/^W[1-6]$/.test(name)) throw new Error(`unknown workload ${name}\n${usage}`);
        workloads.add(name as WorkloadName);
      }
      if (workloads.has('W1') || workloads.has('W2')) workloads.add('W1').add('W2');
    } else if (flag === '--targets' && value) {
      targets.clear();
      for (const name of value.split(',')) {
        if (!['ws', 'socketio', 'spejl'].includes(name)) throw new Error(`unknown target ${name}\n${usage}`);
        targets.add(name as TargetName);
      }
    } else if (flag === '--connections' && value) connections = Number(value);
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${argument}\n${usage}`);
  }
  if (connections !== undefined) {
    if (!Number.isInteger(connections) || connections < 1) throw new Error(`bad --connections\n${usage}`);
    parameters.w1.groups = Math.max(1, Math.round(connections / parameters.w1.membersPerGroup));
  }
  return { parameters, workloads, targets, profile };
}
