package dev.vigil.demo.shop;

import java.util.Map;
import java.util.Objects;

/**
 * One node of the shop as it behaves when nothing is wrong.
 *
 * @param name the {@code service} label, e.g. {@code checkout}
 * @param team the owning team, e.g. {@code payments-team}
 * @param kind what the node is
 * @param medianMillis its own median handling time, excluding the calls it makes
 * @param sigma spread of its handling time (the σ of a log-normal), {@code > 0}
 * @param errorRatio share of requests it fails on its own (5xx)
 * @param notFoundRatio share of requests answered 404
 * @param cpuMillisPerRequest CPU time one request costs
 * @param memoryMb resident memory when idle
 * @param capacityRps requests per second at which it saturates (latency climbs as it nears it)
 * @param poolSize database connections it may hold, 0 when it holds none
 * @param calls per request it handles, how many requests it sends to each node it depends on
 */
public record ServiceSpec(String name, String team, ServiceKind kind, double medianMillis, double sigma,
    double errorRatio, double notFoundRatio, double cpuMillisPerRequest, double memoryMb, double capacityRps,
    int poolSize, Map<String, Double> calls) {
  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(kind, "kind");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("service name must be lower-case letters, digits and dashes: " + name);
    }
    if (medianMillis <= 0 || sigma <= 0 || capacityRps <= 0 || memoryMb <= 0 || cpuMillisPerRequest < 0) {
      throw new IllegalArgumentException(name + ": latency, spread, capacity and memory must be > 0");
    }
    if (errorRatio < 0 || errorRatio >= 1 || notFoundRatio < 0 || notFoundRatio >= 1) {
      throw new IllegalArgumentException(name + ": error and not-found ratios must lie in [0, 1)");
    }
    if (poolSize < 0) {
      throw new IllegalArgumentException(name + ": pool size must be >= 0");
    }
    calls = Map.copyOf(calls);
    calls.forEach((target, perRequest) -> {
      if (!(perRequest > 0)) {
        throw new IllegalArgumentException(name + " -> " + target + ": calls per request must be > 0");
      }
    });
  }
}
