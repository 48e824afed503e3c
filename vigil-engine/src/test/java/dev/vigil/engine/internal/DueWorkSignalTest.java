package dev.vigil.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DueWorkSignalTest {
  private final AtomicInteger checks = new AtomicInteger();
  private final DueWorkSignal signal = new DueWorkSignal(2, checks::incrementAndGet);

  @Test
  void with_a_free_worker_every_queued_work_asks_for_a_check_at_once() {
    signal.workQueued();
    signal.workerStarted();
    signal.workQueued();
    assertThat(checks).hasValue(2);
  }

  @Test
  void while_every_worker_is_busy_queued_work_asks_for_one_check_when_a_worker_frees_up() {
    signal.workerStarted();
    signal.workerStarted();
    for (int i = 0; i < 100; i++) signal.workQueued();
    assertThat(checks).hasValue(0);

    signal.workerFinished();
    assertThat(checks).hasValue(1);
    signal.workerStarted();
    signal.workerFinished();
    assertThat(checks).as("nothing new was queued meanwhile").hasValue(1);
  }
}
