import type { TaskUpdate } from '../model.js';
import { UpdateBuffer } from './update-buffer.js';

const started = (taskId: number): TaskUpdate => ({
  kind: 'started',
  taskId,
  workerId: 'w',
  attempt: 1,
  startedAtUs: 10,
});
const finished = (taskId: number): TaskUpdate => ({
  kind: 'finished',
  taskId,
  workerId: 'w',
  attempt: 1,
  status: 'success',
  startedAtUs: 10,
  finishedAtUs: 20,
  runTimeUs: 10,
  exitCode: 0,
  error: null,
});

describe('UpdateBuffer', () => {
  it('lets a finish replace an unflushed start of the same task', () => {
    const buffer = new UpdateBuffer();
    buffer.add(started(1));
    buffer.add(started(2));
    buffer.add(finished(1));
    expect(buffer.take(10).map((u) => [u.taskId, u.kind])).toEqual([
      [2, 'started'],
      [1, 'finished'],
    ]);
    expect(buffer.size).toBe(0);
  });

  it('never lets a late start overwrite a finish', () => {
    const buffer = new UpdateBuffer();
    buffer.add(finished(1));
    buffer.add(started(1));
    expect(buffer.take(10)).toEqual([finished(1)]);
  });

  it('takes at most the batch size, oldest first', () => {
    const buffer = new UpdateBuffer();
    for (let id = 1; id <= 5; id += 1) buffer.add(started(id));
    expect(buffer.take(2).map((u) => u.taskId)).toEqual([1, 2]);
    expect(buffer.take(10).map((u) => u.taskId)).toEqual([3, 4, 5]);
  });

  it('puts a failed batch back ahead of newer updates, and a newer finish still replaces a restored start', () => {
    const buffer = new UpdateBuffer();
    buffer.add(started(1));
    buffer.add(started(2));
    const failed = buffer.take(10);
    buffer.add(started(3));
    buffer.add(finished(1));
    buffer.restore(failed);
    expect(buffer.take(10).map((u) => [u.taskId, u.kind])).toEqual([
      [2, 'started'],
      [3, 'started'],
      [1, 'finished'],
    ]);
  });

  it('never lets a restored start overwrite a finish that arrived meanwhile', () => {
    const buffer = new UpdateBuffer();
    buffer.add(started(1));
    const failed = buffer.take(10);
    buffer.add(finished(1));
    buffer.restore(failed);
    expect(buffer.take(10)).toEqual([finished(1)]);
  });

  it('lists the tasks it holds updates for', () => {
    const buffer = new UpdateBuffer();
    buffer.add(started(4));
    buffer.add(finished(7));
    expect([...buffer.taskIds()]).toEqual([4, 7]);
  });
});
