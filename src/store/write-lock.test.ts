import { describe, expect, it } from 'vitest';
import { WriteLock } from './write-lock.js';

describe('WriteLock', () => {
  it('is held by one side at a time', () => {
    const serving = new WriteLock();
    const worker = new WriteLock(serving.buffer); // the same memory, as a worker thread sees it
    expect(serving.tryAcquire()).toBe(true);
    expect(serving.tryAcquire()).toBe(false);
    serving.release();
    worker.acquire(); // free: returns at once
    expect(serving.tryAcquire()).toBe(false);
    worker.release();
    expect(serving.tryAcquire()).toBe(true);
    serving.release();
  });

  it('lets a serving thread that asked go first, for a moment, then goes on without it', () => {
    const serving = new WriteLock();
    const worker = new WriteLock(serving.buffer);
    worker.acquire();
    expect(serving.tryAcquire()).toBe(false); // asks for it
    worker.release();
    const t = performance.now();
    worker.acquire(); // defers to the asker, who never comes back here, then takes it
    expect(performance.now() - t).toBeGreaterThanOrEqual(15);
    expect(serving.tryAcquire()).toBe(false);
    worker.release();
    expect(serving.tryAcquire()).toBe(true);
    serving.release();
  });
});
