/** Validates a workflow definition, naming the field, the rule and the value. */
import { RULES } from '../lib/validate.js';
import { checkInput } from './errors.js';
import type { TaskDefinition, WorkflowDefinition } from './model.js';

export function validateWorkflow(value: unknown): WorkflowDefinition {
  const { name, tasks } = checkInput.object('workflow', value);
  return {
    name: checkInput.nonEmptyString('name', name),
    tasks: checkInput.nonEmptyArray('tasks', tasks).map((task, i) => validateTask(task, `tasks[${i}]`)),
  };
}

function validateTask(value: unknown, path: string): TaskDefinition {
  const { name, command, timeoutMs, maxAttempts } = checkInput.object(path, value);
  const taskName = checkInput.nonEmptyString(`${path}.name`, name);
  if (!checkInput.nonEmptyArray(`${path}.command`, command, 'strings').every((c) => typeof c === 'string')) {
    checkInput.fail(`${path}.command`, RULES.nonEmptyArray('strings'), command);
  }
  return {
    name: taskName,
    command: command as string[],
    ...(timeoutMs === undefined ? {} : { timeoutMs: checkInput.nonNegativeInteger(`${path}.timeoutMs`, timeoutMs) }),
    ...(maxAttempts === undefined
      ? {}
      : { maxAttempts: checkInput.positiveInteger(`${path}.maxAttempts`, maxAttempts) }),
  };
}
