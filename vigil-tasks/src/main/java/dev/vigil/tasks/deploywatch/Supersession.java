package dev.vigil.tasks.deploywatch;

import dev.vigil.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which watch of a service is the one that counts, decided from the deploys that woke the task's
 * other live runs ({@code StepContext.otherLiveRunEvents()}): the engine keeps no lock or shared
 * state for it, so each run decides on its own and all of them decide alike.
 */
final class Supersession {
  private static final Comparator<DeployNotice> ORDER = Comparator.comparing(DeployNotice::deployedAt)
      .thenComparing(DeployNotice::eventId);

  private Supersession() {
  }

  /**
   * The newest deploy of the same service and environment made after {@code mine} and no later than
   * {@code checkAt}: the watch of {@code mine} then ends, since its after-window would mix two releases.
   * A deploy after the check's time does not count, so a check repeated after a restart or run as a
   * backtest decides the same way.
   */
  static Optional<DeployNotice> newerDeploy(DeployNotice mine, List<Event> others, Instant checkAt) {
    return notices(others).filter(o -> sameTarget(mine, o) && !sameDeploy(mine, o)
        && o.deployedAt().isAfter(mine.deployedAt()) && !o.deployedAt().isAfter(checkAt)).max(ORDER);
  }

  /**
   * Another live watch of the very same deploy (see {@link #sameDeploy}) which comes first in a fixed
   * order: e.g. a {@code deployment} and its {@code deployment_status}, or a delivery re-sent with a new id. Every such run sees the others, and
   * only the first in the order keeps watching; a redelivery with the same id never gets this far
   * (the event store drops it).
   */
  static Optional<DeployNotice> earlierWatchOfSameDeploy(DeployNotice mine, List<Event> others) {
    return notices(others).filter(o -> sameTarget(mine, o) && sameDeploy(mine, o) && ORDER.compare(o, mine) < 0)
        .min(ORDER);
  }

  /**
   * One deploy told twice: the same commit (or, without one, the same time) within one rollout. The
   * same commit deployed again later (a roll forward after a rollback) is a new deploy.
   */
  private static boolean sameDeploy(DeployNotice a, DeployNotice b) {
    boolean sameChange = a.sha().isEmpty() || b.sha().isEmpty() ? a.deployedAt().equals(b.deployedAt())
        : a.sha().equals(b.sha());
    return !a.eventId().equals(b.eventId()) && sameChange
        && Duration.between(a.deployedAt(), b.deployedAt()).abs().compareTo(DeployBacktest.ROLLOUT) <= 0;
  }

  private static boolean sameTarget(DeployNotice a, DeployNotice b) {
    return a.service().equals(b.service()) && a.environment().equals(b.environment());
  }

  private static java.util.stream.Stream<DeployNotice> notices(List<Event> events) {
    return events.stream().flatMap(e -> DeployNotice.from(e, new StringBuilder()).stream());
  }
}
