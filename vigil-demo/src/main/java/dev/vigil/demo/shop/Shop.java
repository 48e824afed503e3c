package dev.vigil.demo.shop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's nodes and who calls whom: a directed acyclic graph, checked when built.
 *
 * @param services every node, each name once; the first is the entry point that customers hit
 * @param queueWorkers for each queue, the service that drains it
 */
public record Shop(List<ServiceSpec> services, Map<String, String> queueWorkers) {
  public Shop {
    services = List.copyOf(services);
    queueWorkers = Map.copyOf(queueWorkers);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("a shop needs at least one service");
    }
    Map<String, ServiceSpec> byName = new HashMap<>();
    for (ServiceSpec s : services) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("service '" + s.name() + "' is listed twice");
      }
    }
    for (ServiceSpec s : services) {
      for (String target : s.calls().keySet()) {
        if (!byName.containsKey(target)) {
          throw new IllegalArgumentException(s.name() + " calls unknown service '" + target + "'");
        }
      }
    }
    queueWorkers.forEach((queue, worker) -> {
      if (byName.get(queue) == null || byName.get(queue).kind() != ServiceKind.QUEUE) {
        throw new IllegalArgumentException("'" + queue + "' is not a queue of the shop");
      }
      if (byName.get(worker) == null || byName.get(worker).kind() != ServiceKind.SERVICE) {
        throw new IllegalArgumentException("queue worker '" + worker + "' is not a service of the shop");
      }
    });
    dependenciesFirst(services, byName);
  }

  /** The entry point customers hit. */
  public ServiceSpec entry() {
    return services.getFirst();
  }

  public Optional<ServiceSpec> find(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The services in an order where every node comes after all the nodes it calls. */
  public List<ServiceSpec> dependenciesFirst() {
    Map<String, ServiceSpec> byName = new HashMap<>();
    services.forEach(s -> byName.put(s.name(), s));
    return dependenciesFirst(services, byName);
  }

  private static List<ServiceSpec> dependenciesFirst(List<ServiceSpec> services, Map<String, ServiceSpec> byName) {
    List<ServiceSpec> order = new ArrayList<>();
    Map<String, Boolean> state = new HashMap<>(); // false: on the current path, true: placed
    for (ServiceSpec s : services) {
      visit(s, byName, state, order, new ArrayList<>());
    }
    return List.copyOf(order);
  }

  private static void visit(ServiceSpec s, Map<String, ServiceSpec> byName, Map<String, Boolean> state,
      List<ServiceSpec> order, List<String> path) {
    Boolean seen = state.get(s.name());
    if (Boolean.TRUE.equals(seen)) {
      return;
    }
    path.add(s.name());
    if (Boolean.FALSE.equals(seen)) {
      throw new IllegalArgumentException("services call each other in a cycle: " + String.join(" -> ", path));
    }
    state.put(s.name(), false);
    for (String target : s.calls().keySet().stream().sorted().toList()) {
      visit(byName.get(target), byName, state, order, path);
    }
    state.put(s.name(), true);
    order.add(s);
    path.removeLast();
  }

  /**
   * The standard shop of the demo: a storefront, eight services, PostgreSQL and an order queue
   * drained by the email worker. Latencies, error ratios and capacities are set so that a normal
   * day sits well below saturation and the nightly catalog batch is visible but harmless.
   */
  public static Shop standard() {
    List<ServiceSpec> s = new ArrayList<>();
    s.add(service("frontend", "storefront", 8, 0.45, 0.0005, 0.01, 0.6, 220, 400, 0,
        calls("catalog", 1.0, "search", 0.3, "recommendations", 0.5, "cart", 0.4, "checkout", 0.05)));
    s.add(service("checkout", "payments-team", 20, 0.5, 0.001, 0.0, 2.5, 310, 30, 20,
        calls("cart", 1.0, "payments", 1.0, "shipping", 1.0, "orders-queue", 1.0, "postgres", 2.0)));
    s.add(service("cart", "storefront", 6, 0.4, 0.0005, 0.002, 0.4, 180, 200, 10, calls("postgres", 1.0)));
    s.add(service("payments", "payments-team", 45, 0.35, 0.002, 0.0, 1.5, 260, 40, 10, calls("postgres", 1.0)));
    s.add(service("catalog", "catalog-team", 12, 0.5, 0.0005, 0.003, 0.9, 520, 400, 20, calls("postgres", 1.5)));
    s.add(service("search", "catalog-team", 25, 0.6, 0.001, 0.002, 3.0, 900, 120, 0, calls("catalog", 0.5)));
    s.add(service("recommendations", "discovery-team", 30, 0.55, 0.001, 0.0, 4.0, 700, 150, 0,
        calls("catalog", 1.0)));
    s.add(service("shipping", "fulfilment-team", 15, 0.4, 0.001, 0.0, 0.8, 190, 40, 0, Map.of()));
    s.add(service("email", "fulfilment-team", 50, 0.4, 0.002, 0.0, 1.2, 200, 25, 0, Map.of()));
    s.add(new ServiceSpec("postgres", "platform-team", ServiceKind.DATASTORE, 1.8, 0.6, 0.0002, 0.0, 0.3, 2048,
        1500, 0, Map.of()));
    s.add(new ServiceSpec("orders-queue", "platform-team", ServiceKind.QUEUE, 0.8, 0.3, 0.0, 0.0, 0.05, 256,
        5000, 0, Map.of()));
    return new Shop(s, Map.of("orders-queue", "email"));
  }

  private static ServiceSpec service(String name, String team, double medianMillis, double sigma, double errorRatio,
      double notFoundRatio, double cpuMillis, double memoryMb, double capacityRps, int pool, Map<String, Double> calls) {
    return new ServiceSpec(name, team, ServiceKind.SERVICE, medianMillis, sigma, errorRatio, notFoundRatio, cpuMillis,
        memoryMb, capacityRps, pool, calls);
  }

  private static Map<String, Double> calls(Object... targetAndCount) {
    Map<String, Double> calls = new LinkedHashMap<>();
    for (int i = 0; i < targetAndCount.length; i += 2) {
      calls.put((String) targetAndCount[i], ((Number) targetAndCount[i + 1]).doubleValue());
    }
    return calls;
  }
}
