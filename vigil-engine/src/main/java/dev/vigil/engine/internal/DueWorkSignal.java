package dev.vigil.engine.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the scheduler about newly queued work without flooding it. Each of db-scheduler's checks
 * fetches a fresh batch of due executions and makes the batch still waiting in its executor stale;
 * a check per accepted webhook (hundreds a second) kept every batch stale before a worker reached
 * it, and runs only started once the webhooks stopped. So a check is asked for at once only when a
 * worker is free to take the work; while all are busy, one check is asked for as soon as a worker
 * frees up.
 */
public final class DueWorkSignal {
  private final int workers;
  private final Runnable checkForDueWork;
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicBoolean wanted = new AtomicBoolean();

  public DueWorkSignal(int workers, Runnable checkForDueWork) {
    this.workers = workers;
    this.checkForDueWork = checkForDueWork;
  }

  /** Work was queued (committed) and is due now. */
  public void workQueued() {
    if (busy.get() < workers) {
      checkForDueWork.run();
    } else {
      wanted.set(true);
      // A worker may have finished between the read and the set: it would not have seen the flag.
      if (busy.get() < workers && wanted.getAndSet(false)) checkForDueWork.run();
    }
  }

  public void workerStarted() {
    busy.incrementAndGet();
  }

  public void workerFinished() {
    busy.decrementAndGet();
    if (wanted.getAndSet(false)) checkForDueWork.run();
  }

  /** Workers executing now (for tests and metrics). */
  public int busyWorkers() {
    return busy.get();
  }
}
