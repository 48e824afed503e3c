package dev.vigil.demo.repository;

import dev.vigil.demo.shop.Effect;
import dev.vigil.demo.shop.Scenario;
import dev.vigil.demo.shop.ServiceKind;
import dev.vigil.demo.shop.ServiceSpec;
import dev.vigil.demo.shop.Shop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contents of the shop's files, as the team would keep them: what each service's folder holds,
 * its Backstage entry, the shared catalog entities, CODEOWNERS, migrations and runbooks. Each method
 * returns paths (relative, with {@code /}) and their text.
 */
final class ShopTree {
  static final String FLAGS = "config/feature-flags.yaml";
  /** The migrations the import holds are numbered below this; the first scripted one gets it. */
  static final int FIRST_NEW_MIGRATION = 42;

  /** The runbooks the shop's alert rules link to ({@code demo/prometheus/shop.rules.yml}). */
  static final List<String> RUNBOOKS = List.of("high-error-ratio", "high-latency", "slow-queries", "memory");

  private final Shop shop;
  private final String forge;
  private final String branch;
  private final Map<String, String> versions = new HashMap<>();

  ShopTree(Shop shop, String forge, String branch) {
    this.shop = shop;
    this.forge = forge;
    this.branch = branch;
  }

  Map<String, String> initialImport(Map<String, Boolean> flags) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("README.md", """
        # shop

        The Acme online shop: one folder per service under `services/`, the database's migrations under
        `db/migrations/`, shared configuration (feature flags) under `config/`, runbooks under `runbooks/`.
        Each service is released on its own; a release is a tag `<service>-v<version>`.
        """);
    for (ServiceSpec s : shop.services()) {
      if (s.kind() == ServiceKind.SERVICE) {
        versions.put(s.name(), "1.0.0");
        files.putAll(service(s, "1.0.0", false));
      }
    }
    files.put("catalog-info.yaml", sharedCatalog());
    files.put(".github/CODEOWNERS", codeowners());
    files.put(FLAGS, featureFlags(flags));
    files.put("db/migrations/0040_create_orders.sql", """
        CREATE TABLE orders (
          id          bigserial PRIMARY KEY,
          customer_id bigint      NOT NULL,
          status      text        NOT NULL DEFAULT 'open',
          total_cents bigint      NOT NULL,
          created_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX orders_customer_id_idx ON orders (customer_id);
        """);
    files.put("db/migrations/0041_create_order_lines.sql", """
        CREATE TABLE order_lines (
          order_id    bigint NOT NULL REFERENCES orders (id),
          sku         text   NOT NULL,
          quantity    int    NOT NULL CHECK (quantity > 0),
          price_cents bigint NOT NULL,
          PRIMARY KEY (order_id, sku)
        );
        """);
    for (String r : RUNBOOKS) {
      files.put("runbooks/" + r + ".md", runbook(r));
    }
    return files;
  }

  /**
   * A release: the version in the service's configuration and changelog; a regression (slower or
   * failing more) also changes its code, the way the scripted bad deploys do.
   */
  Map<String, String> deploy(Effect.Deploy d) {
    ServiceSpec s = shop.find(d.service()).orElseThrow(() -> new IllegalArgumentException(
        "deploy of '" + d.service() + "', which is not a service of the shop"));
    boolean regression = Scenario.isRegression(d);
    Map<String, String> files = new LinkedHashMap<>(service(s, d.version(), regression));
    String previous = versions.getOrDefault(s.name(), "1.0.0");
    versions.put(s.name(), d.version());
    String dir = "services/" + s.name() + "/";
    if (d.crashLoops()) {
      // The configuration mistake the crash loop comes from: both servers on one port, so the process exits.
      files.put(dir + "config/app.yaml", appConfig(s, d.version()).replace("metrics_port: 9090", "metrics_port: 8080"));
    }
    files.put(dir + "CHANGELOG.md", "# " + s.name() + "\n\n## " + d.version() + "\n\n- " + d.summary()
        + "\n\n## " + previous + "\n\n- see the tag " + s.name() + "-v" + previous + "\n");
    return files;
  }

  /** Migration {@code number}: the first scripted one drops the index checkout's order lookups use. */
  Map<String, String> migration(int number) {
    if (number == FIRST_NEW_MIGRATION) {
      return Map.of(String.format("db/migrations/%04d_drop_orders_customer_id_index.sql", number), """
          -- The index is large and the nightly import rewrites it; lookups by customer are "rare".
          DROP INDEX IF EXISTS orders_customer_id_idx;
          """);
    }
    return Map.of(String.format("db/migrations/%04d_analyze_orders.sql", number), "ANALYZE orders;\n");
  }

  static String featureFlags(Map<String, Boolean> flags) {
    StringBuilder out = new StringBuilder("# Read by every service at startup and every 30 s.\nflags:\n");
    new java.util.TreeMap<>(flags).forEach((flag, on) -> out.append("  ").append(flag).append(": ")
        .append(on).append('\n'));
    return out.toString();
  }

  private Map<String, String> service(ServiceSpec s, String version, boolean regression) {
    String dir = "services/" + s.name() + "/";
    Map<String, String> files = new LinkedHashMap<>();
    files.put(dir + "Dockerfile", """
        FROM python:3.12-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt
        COPY src/ src/
        COPY config/ config/
        EXPOSE 8080
        CMD ["python", "-m", "src.app"]
        """);
    files.put(dir + "requirements.txt", "aiohttp==3.9.5\nprometheus-client==0.20.0\nPyYAML==6.0.1\n");
    files.put(dir + "config/app.yaml", appConfig(s, version));
    files.put(dir + "src/app.py", app());
    files.put(dir + "src/handler.py", s.name().equals("checkout") ? checkoutHandler()
        : handler(s, regression));
    if (s.name().equals("checkout")) {
      files.put(dir + "src/tax.py", tax(regression));
    }
    files.put(dir + "catalog-info.yaml", component(s));
    return files;
  }

  private String appConfig(ServiceSpec s, String version) {
    StringBuilder out = new StringBuilder();
    out.append("service: ").append(s.name()).append('\n');
    out.append("version: \"").append(version).append("\"\n");
    out.append("port: 8080\nmetrics_port: 9090\n");
    if (s.poolSize() > 0) {
      out.append("database:\n  url: postgres://shop@postgres:5432/shop\n  pool_size: ").append(s.poolSize())
          .append('\n');
    }
    List<String> targets = s.calls().keySet().stream().sorted().toList();
    if (!targets.isEmpty()) {
      out.append("dependencies:\n");
      for (String t : targets) {
        if (kind(t) == ServiceKind.SERVICE) {
          out.append("  ").append(t).append(": http://").append(t).append(":8080\n");
        } else if (kind(t) == ServiceKind.QUEUE) {
          out.append("  ").append(t).append(": amqp://").append(t).append(":5672/orders\n");
        }
      }
    }
    out.append("timeouts:\n  request: 2s\n");
    return out.toString();
  }

  private static String app() {
    return """
        from aiohttp import web
        from prometheus_client import start_http_server
        import yaml

        from .handler import routes

        def main():
            config = yaml.safe_load(open("config/app.yaml"))
            start_http_server(config["metrics_port"])
            app = web.Application()
            app["config"] = config
            app.add_routes(routes)
            web.run_app(app, port=config["port"])

        if __name__ == "__main__":
            main()
        """;
  }

  private String handler(ServiceSpec s, boolean regression) {
    StringBuilder calls = new StringBuilder();
    for (String t : s.calls().keySet().stream().sorted().toList()) {
      if (kind(t) == ServiceKind.SERVICE) {
        calls.append("    await call(request, \"").append(t).append("\")\n");
      }
    }
    String extra = regression ? "    # Write the audit record before answering, so that none is lost on a crash.\n"
        + "    await audit.write(request, sync=True)\n" : "";
    return "from aiohttp import web\n\nfrom .clients import call\n\nroutes = web.RouteTableDef()\n\n\n"
        + "@routes.get(\"/" + s.name() + "/{id}\")\nasync def handle(request):\n" + calls + extra
        + "    return web.json_response({\"service\": \"" + s.name() + "\", \"id\": request.match_info[\"id\"]})\n";
  }

  private static String checkoutHandler() {
    return """
        from aiohttp import web

        from .clients import call
        from .tax import tax_for

        routes = web.RouteTableDef()


        @routes.post("/checkout")
        async def checkout(request):
            order = await request.json()
            cart = await call(request, "cart", order["cart_id"])
            tax = await tax_for(request, cart["lines"], order["country"])
            payment = await call(request, "payments", total=cart["total"] + tax)
            await call(request, "shipping", order["address"])
            return web.json_response({"payment": payment["id"], "tax": tax})
        """;
  }

  private static String tax(boolean perLineItem) {
    if (perLineItem) {
      return """
          from .clients import call


          async def tax_for(request, lines, country):
              # Tax rules differ per product category: ask for each line's own rule.
              total = 0
              for line in lines:
                  rule = await call(request, "tax-rules", country=country, category=line["category"])
                  total += round(line["price"] * line["quantity"] * rule["rate"])
              return total
          """;
    }
    return """
        from .clients import call


        async def tax_for(request, lines, country):
            # One lookup per order: the rules of every category come back together.
            rules = await call(request, "tax-rules", country=country)
            return sum(round(l["price"] * l["quantity"] * rules[l["category"]]) for l in lines)
        """;
  }

  private String component(ServiceSpec s) {
    List<String> dependsOn = new ArrayList<>();
    for (String t : s.calls().keySet().stream().sorted().toList()) {
      dependsOn.add((kind(t) == ServiceKind.SERVICE ? "component:" : "resource:") + t);
    }
    Set<String> consumes = new TreeSet<>();
    s.calls().keySet().stream().filter(t -> kind(t) == ServiceKind.SERVICE).forEach(t -> consumes.add(t + "-api"));
    String team = s.team();
    StringBuilder out = new StringBuilder();
    out.append("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ").append(s.name())
        .append("\n  description: The shop's ").append(s.name()).append(" service\n  annotations:\n")
        .append("    backstage.io/source-location: url:").append(forge).append("/tree/").append(branch)
        .append("/services/").append(s.name()).append("/\n")
        .append("    vigil.dev/paths: services/").append(s.name()).append('\n')
        .append("    vigil.dev/runbook: ").append(forge).append("/blob/").append(branch)
        .append("/runbooks/high-error-ratio.md\n")
        .append("    vigil.dev/dashboard: https://grafana.acme.example/d/shop-").append(s.name()).append('\n')
        .append("  links:\n    - url: ").append(forge).append("/blob/").append(branch)
        .append("/runbooks/high-latency.md\n      title: \"Runbook: high latency\"\n")
        .append("  tags: [python, shop]\nspec:\n  type: service\n  lifecycle: production\n")
        .append("  owner: group:").append(team).append("\n  system: shop\n");
    out.append("  providesApis: [").append(s.name()).append("-api]\n");
    if (!consumes.isEmpty()) {
      out.append("  consumesApis: [").append(String.join(", ", consumes)).append("]\n");
    }
    if (!dependsOn.isEmpty()) {
      out.append("  dependsOn:\n");
      dependsOn.forEach(d -> out.append("    - ").append(d).append('\n'));
    }
    out.append("---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ").append(s.name())
        .append("-api\n  description: HTTP API of ").append(s.name()).append("\nspec:\n  type: openapi\n")
        .append("  lifecycle: production\n  owner: group:").append(team).append("\n  system: shop\n")
        .append("  definition: |\n    openapi: 3.0.3\n    info: {title: ").append(s.name())
        .append(", version: \"1\"}\n    paths: {}\n");
    return out.toString();
  }

  private String sharedCatalog() {
    StringBuilder out = new StringBuilder();
    out.append("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\n")
        .append("  description: The Acme online shop\nspec:\n  owner: group:platform-team\n");
    for (String team : teams()) {
      out.append("---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ").append(team)
          .append("\nspec:\n  type: team\n  children: []\n");
    }
    for (ServiceSpec s : shop.services()) {
      if (s.kind() == ServiceKind.SERVICE) {
        continue;
      }
      String type = s.kind() == ServiceKind.QUEUE ? "queue" : "database";
      out.append("---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ").append(s.name())
          .append("\n  annotations:\n    vigil.dev/runbook: ").append(forge).append("/blob/").append(branch)
          .append(s.kind() == ServiceKind.DATASTORE ? "/runbooks/slow-queries.md" : "/runbooks/high-latency.md")
          .append("\nspec:\n  type: ").append(type).append("\n  owner: group:").append(s.team())
          .append("\n  system: shop\n");
    }
    return out.toString();
  }

  private String codeowners() {
    StringBuilder out = new StringBuilder("# Who reviews what: the last matching pattern wins.\n"
        + "*                       @acme/platform-team\n");
    for (ServiceSpec s : shop.services()) {
      if (s.kind() == ServiceKind.SERVICE) {
        out.append(String.format("/services/%-16s @acme/%s%n", s.name() + "/", s.team()));
      }
    }
    out.append("/db/migrations/         @acme/platform-team @acme/payments-team\n");
    out.append("/config/feature-flags.yaml @acme/platform-team\n");
    out.append("/runbooks/              @acme/platform-team\n");
    return out.toString();
  }

  private Set<String> teams() {
    Set<String> teams = new TreeSet<>();
    shop.services().forEach(s -> teams.add(s.team()));
    return teams;
  }

  private ServiceKind kind(String name) {
    return shop.find(name).map(ServiceSpec::kind).orElse(ServiceKind.SERVICE);
  }

  private static String runbook(String name) {
    return switch (name) {
      case "high-error-ratio" -> """
          # High error ratio

          Alert `HighErrorRatio`: a service fails more than 2% of its requests for 2 minutes.

          1. Was something deployed in the last hour? `git log --since=1.hour services/<service>`; a deploy
             watch thread in #deploys says which release. If so, roll it back first, investigate after.
          2. Are its dependencies failing? Look at the 5xx ratio of the services it calls (catalog-info's
             `dependsOn`): errors travel upstream.
          3. Is it saturated? CPU, connection pool use and queue depth; scale out if the pool is full.
          4. Still unknown: page the owning team (CODEOWNERS) with the graphs.
          """;
      case "high-latency" -> """
          # High latency (p99)

          Alert `HighLatencyP99`: a service's p99 stays above 500 ms for 5 minutes.

          1. A deploy in the last hour? Compare p99 before and after it; roll back a release that moved it.
          2. A slow dependency? Check PostgreSQL query time (`SlowQueries`) and the p99 of what it calls.
          3. A feature flag switched on? `git log config/feature-flags.yaml`; switch it off to confirm.
          4. Peak traffic? Compare with the same hour last week before acting.
          """;
      case "slow-queries" -> """
          # Slow queries

          Alert `SlowQueries`: PostgreSQL's p99 query time stays above 50 ms for 2 minutes.

          1. A migration in the last hours? `git log db/migrations/`: a dropped or missing index is the
             usual cause. Recreate it `CONCURRENTLY`.
          2. `SELECT query, mean_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;`
          3. Connection pools of checkout, cart and payments filling up means callers wait on the database.
          """;
      case "memory" -> """
          # Memory high

          Alert `MemoryHigh`: a service uses more than 1.2 GiB resident memory for 2 minutes.

          1. Growing steadily since its last restart? That is a leak: restart it to buy time and open an
             issue for the owning team with the memory graph since the deploy.
          2. A jump at a deploy? Compare the release's changes (`git diff <previous tag> <tag>`).
          3. A flag switched on (e.g. a new model)? Its cost may be expected: check with the owners.
          """;
      default -> throw new IllegalArgumentException("no runbook '" + name + "'");
    };
  }
}
