package dev.vigil.demo.shop;

import java.util.Objects;

/** Something that changes how the shop behaves from an instant on: a deploy, a fault, a flag. */
public sealed interface Effect {
  /** The service the effect lands on. */
  String service();

  /** One line for the timeline the demo prints. */
  String describe();

  /**
   * A new version of a service starts: its process restarts (counters reset, a leak is cleared), its pods
   * are replaced, and from then on it is {@code latencyFactor} times as slow and fails {@code addedErrorRatio}
   * more. A good deploy has factor 1 and no added errors.
   *
   * <p>With {@code crashLoops}, the new version's configuration keeps it from starting: its first new pod
   * crash-loops, the rollout stalls, and the old pods keep serving as before (the golden signals stay calm;
   * restarts and the unavailable replica show it). Its factor and errors never serve.
   */
  record Deploy(String service, String version, double latencyFactor, double addedErrorRatio, String summary,
      boolean crashLoops) implements Effect {
    /** A deploy whose pods come up. */
    public Deploy(String service, String version, double latencyFactor, double addedErrorRatio, String summary) {
      this(service, version, latencyFactor, addedErrorRatio, summary, false);
    }

    public Deploy {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(summary, "summary");
      if (!(latencyFactor > 0) || addedErrorRatio < 0 || addedErrorRatio >= 1) {
        throw new IllegalArgumentException("deploy of " + service + ": latency factor must be > 0 and added"
            + " error ratio in [0, 1)");
      }
    }

    @Override
    public String describe() {
      return "deploy " + service + " " + version + ": " + summary + (crashLoops ? " (its new pods crash-loop)" : "");
    }
  }

  /** The service's memory grows by {@code mbPerHour} until its next restart. */
  record MemoryLeak(String service, double mbPerHour) implements Effect {
    public MemoryLeak {
      Objects.requireNonNull(service, "service");
      if (!(mbPerHour > 0)) {
        throw new IllegalArgumentException("a leak must grow memory, got " + mbPerHour + " MB/h");
      }
    }

    @Override
    public String describe() {
      return "memory leak in " + service + " (+" + Math.round(mbPerHour) + " MB/h)";
    }
  }

  /**
   * A datastore becomes {@code latencyFactor} times as slow, e.g. after a migration dropped an
   * index; callers hold their connections longer and their pools fill.
   */
  record Slowdown(String service, double latencyFactor, String cause) implements Effect {
    public Slowdown {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(cause, "cause");
      if (!(latencyFactor > 0)) {
        throw new IllegalArgumentException("slowdown factor must be > 0, got " + latencyFactor);
      }
    }

    @Override
    public String describe() {
      return service + " " + latencyFactor + "x slower: " + cause;
    }
  }

  /** A feature flag is switched; while it is on, the service it guards costs more. */
  record FlagFlip(String flag, boolean on, String service, double latencyFactor, double cpuFactor) implements Effect {
    public FlagFlip {
      Objects.requireNonNull(flag, "flag");
      Objects.requireNonNull(service, "service");
      if (!(latencyFactor > 0) || !(cpuFactor > 0)) {
        throw new IllegalArgumentException("flag " + flag + ": factors must be > 0");
      }
    }

    @Override
    public String describe() {
      return "feature flag " + flag + " switched " + (on ? "on" : "off") + " (" + service + ")";
    }
  }
}
