package dev.vigil.server.api;

import dev.vigil.core.Durations;
import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.integration.IntegrationConfig;
import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.integration.SecretResolver;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.MetricSource;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.integrations.ConfiguredIntegrations;
import dev.vigil.server.web.ApiException;
import dev.vigil.store.JdbcIntegrationStore;
import dev.vigil.tasks.deploywatch.DeployBacktest;
import dev.vigil.tasks.deploywatch.DeployNotice;
import dev.vigil.tasks.deploywatch.DeployWatchTaskKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an agent's deploy watch would have said about a service's past deploys, each check evaluated as of
 * its time against the history in Prometheus: the API behind {@code ./vigil backtest deploys}, run with the
 * agent's own task parameters (signals, delays, windows) and through its own {@code metrics:read} scopes, so
 * a team tunes the agent it will trust on its own history. Nothing is posted or filed.
 */
@RestController
@RequestMapping("/api/v1/backtests")
@Tag(name = "backtests")
public class BacktestsApi {
  private static final Logger log = LoggerFactory.getLogger(BacktestsApi.class);
  /** A backtest reads the history at one point a minute per deploy and check; a month is the most asked of it. */
  static final Duration MAX_SINCE = Duration.ofDays(31);

  private final AgentStore agents;
  private final ConfiguredIntegrations integrations;
  private final Clock clock;

  public BacktestsApi(AgentStore agents, JdbcIntegrationStore integrations, SecretResolver secrets, Clock clock) {
    this.agents = agents;
    this.integrations = new ConfiguredIntegrations(integrations, secrets);
    this.clock = clock;
  }

  @GetMapping("/deploys")
  @Operation(summary = "Backtest an agent's deploy-watch task on the past deploys of a service (found from restarts of"
      + " its processes); answers per deploy its verdict, the minute it was decided at and every check's post")
  public Map<String, Object> deploys(@RequestParam String agent, @RequestParam(required = false) String task,
      @RequestParam String service, @RequestParam(defaultValue = "7d") String since,
      @RequestParam(required = false) String until) {
    try {
      DeployNotice.requirePlainName(service);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("service: " + e.getMessage());
    }
    Agent found = agents.find(new AgentId(agent)).orElseThrow(() -> ApiException.notFound("agent '" + agent + "'"));
    TaskSpec spec = watchTask(found, task);
    DeployWatchTaskKind kind = new DeployWatchTaskKind();
    Map<String, Object> p;
    DeployBacktest.Settings settings;
    try {
      p = kind.parameters().validate(spec.parameters(), "task '" + spec.name() + "'");
      settings = DeployWatchTaskKind.backtestSettings(p);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("the task's parameters cannot be backtested: " + e.getMessage());
    }
    TimeRange range = range(since, until);
    String integration = (String) p.get("metrics");
    IntegrationConfig config = integrations.find(integration).orElseThrow(() -> ApiException.badRequest("task '"
        + spec.name() + "' reads metrics from '" + integration + "', which is not configured"));
    MetricSource source;
    try {
      source = integrations.metrics(config, found.grants(), UnaryOperator.identity());
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.FORBIDDEN, "agent '" + agent + "' may not read " + integration + ": "
          + e.getMessage());
    }
    try {
      List<DeployBacktest.PastDeploy> past = DeployBacktest.findDeploys(source, service,
          DeployBacktest.DEFAULT_DEPLOY_QUERY, range);
      DeployBacktest backtest = new DeployBacktest();
      List<DeployBacktest.Outcome> outcomes = new ArrayList<>();
      for (DeployBacktest.PastDeploy d : past) {
        outcomes.add(backtest.evaluate(source, d, settings, range.end()));
      }
      log.info("backtest agent={} task={} service={} from={} until={} deploys={}", agent, spec.name(), service,
          range.start(), range.end(), outcomes.size());
      Map<String, Object> report = new java.util.LinkedHashMap<>();
      report.put("agent", agent);
      report.put("task", spec.name());
      report.putAll(DeployBacktest.report(service, range, DeployWatchTaskKind.signalsName(p), outcomes));
      return report;
    } catch (IntegrationFailure f) {
      throw new ApiException(f.retryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
          "the metrics store " + integration + " did not answer the backtest: " + withoutCredentials(f.getMessage(),
              config));
    }
  }

  /** A message as it may be answered: a password written into the integration's address never is. */
  static String withoutCredentials(String message, IntegrationConfig config) {
    String url = config.settings().getOrDefault("url", "");
    try {
      String userInfo = java.net.URI.create(url).getRawUserInfo();
      return userInfo == null || message == null ? message : message.replace(userInfo + "@", "***@");
    } catch (IllegalArgumentException e) {
      return message;
    }
  }

  /** The named task, or the agent's only deploy-watch task. */
  private static TaskSpec watchTask(Agent agent, String task) {
    List<TaskSpec> watches = agent.tasks().stream().filter(t -> t.kind().equals("deploy-watch")).toList();
    if (task != null) {
      TaskSpec named = agent.tasks().stream().filter(t -> t.name().equals(task)).findFirst()
          .orElseThrow(() -> ApiException.notFound("task '" + task + "' of agent '" + agent.id().value() + "'"));
      if (!named.kind().equals("deploy-watch")) {
        throw ApiException.badRequest("task '" + task + "' is a " + named.kind() + " task; only deploy-watch tasks"
            + " are backtested");
      }
      return named;
    }
    if (watches.size() != 1) {
      throw ApiException.badRequest("agent '" + agent.id().value() + "' has " + watches.size() + " deploy-watch tasks;"
          + " name one with task=" + (watches.isEmpty() ? "" : " (" + String.join(", ",
              watches.stream().map(TaskSpec::name).toList()) + ")"));
    }
    return watches.getFirst();
  }

  private TimeRange range(String since, String until) {
    Duration back;
    try {
      back = Durations.parse(since, "since");
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (back.isZero() || back.isNegative() || back.compareTo(MAX_SINCE) > 0) {
      throw ApiException.badRequest("since must be longer than zero and at most 31d, got '" + since + "'");
    }
    Instant end;
    try {
      end = until == null || until.isBlank() ? clock.instant() : Instant.parse(until);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("until: '" + until + "' is not an RFC 3339 time (e.g. 2026-11-25T21:00:00Z)");
    }
    return new TimeRange(end.minus(back), end);
  }
}
