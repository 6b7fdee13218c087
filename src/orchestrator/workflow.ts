/** Validates a workflow definition, naming the field, the rule and the value. */
import { invalid } from './errors.js';
import type { TaskDefinition, WorkflowDefinition } from './model.js';

export function validateWorkflow(value: unknown): WorkflowDefinition {
  if (typeof value !== 'object' || value === null) throw invalid('workflow', 'an object', value);
  const { name, tasks } = value as { name?: unknown; tasks?: unknown };
  if (typeof name !== 'string' || name.length === 0) throw invalid('name', 'a non-empty string', name);
  if (!Array.isArray(tasks) || tasks.length === 0) throw invalid('tasks', 'a non-empty array', tasks);
  return { name, tasks: tasks.map((task: unknown, i) => validateTask(task, `tasks[${i}]`)) };
}

function validateTask(value: unknown, path: string): TaskDefinition {
  if (typeof value !== 'object' || value === null) throw invalid(path, 'an object', value);
  const { name, command, timeoutMs, maxAttempts } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0) throw invalid(`${path}.name`, 'a non-empty string', name);
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) {
    throw invalid(`${path}.command`, 'a non-empty array of strings', command);
  }
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) >= 0)) {
    throw invalid(`${path}.timeoutMs`, 'a non-negative integer', timeoutMs);
  }
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && (maxAttempts as number) >= 1)) {
    throw invalid(`${path}.maxAttempts`, 'a positive integer', maxAttempts);
  }
  return {
    name,
    command: command,
    ...(timeoutMs === undefined ? {} : { timeoutMs: timeoutMs as number }),
    ...(maxAttempts === undefined ? {} : { maxAttempts: maxAttempts as number }),
  };
}
