package dev.vigil.store;

import dev.vigil.core.agent.AgentId;
import dev.vigil.core.event.EventId;
import dev.vigil.core.port.RunStore;
import dev.vigil.core.run.Run;
import dev.vigil.core.run.RunId;
import dev.vigil.core.run.RunStatus;
import dev.vigil.core.run.StepRecord;
import dev.vigil.core.run.StepStatus;
import dev.vigil.core.run.WakeReason;
import dev.vigil.core.task.PlannedStep;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs and their steps. */
public final class JdbcRunStore implements RunStore {
  private static final String COLUMNS =
      "id, agent_name, task_name, kind, parameters, wake, plan, status, created_at, started_at,"
          + " finished_at, next_step, resume_at, error";
  private final Sql sql;

  public JdbcRunStore(Database db) {
    this.sql = new Sql(db.dataSource());
  }

  @Override
  public void create(Run run) {
    sql.update("insert into runs (" + COLUMNS + ", wake_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.id().value(), run.agent().value(), run.task(), run.kind(), Json.write(run.parameters()),
        Json.write(wakeToMap(run.wake())), Json.write(planToList(run.plan())), run.status().name(),
        run.createdAt(), run.startedAt(), run.finishedAt(), run.nextStep(), run.resumeAt(), run.error(),
        wakeType(run.wake()));
  }

  @Override
  public void update(Run run) {
    int n = sql.update("update runs set status = ?, started_at = ?, finished_at = ?, next_step = ?, resume_at = ?,"
            + " error = ? where id = ?",
        run.status().name(), run.startedAt(), run.finishedAt(), run.nextStep(), run.resumeAt(), run.error(),
        run.id().value());
    if (n == 0) {
      throw new IllegalStateException("run " + run.id() + " does not exist");
    }
  }

  @Override
  public Optional<Run> find(RunId id) {
    return sql.one("select " + COLUMNS + " from runs where id = ?", JdbcRunStore::readRun, id.value());
  }

  @Override
  public Optional<RunStatus> status(RunId id) {
    return sql.one("select status from runs where id = ?", rs -> RunStatus.valueOf(rs.getString(1)), id.value());
  }

  @Override
  public java.util.Map<AgentId, Run> latest(java.util.Collection<AgentId> agents) {
    if (agents.isEmpty()) return java.util.Map.of();
    List<String> names = agents.stream().map(AgentId::value).distinct().toList();
    String marks = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
    // Each agent's newest creation time comes from the (agent_name, created_at) index; a tie keeps one.
    java.util.Map<AgentId, Run> latest = new java.util.HashMap<>();
    for (Run r : sql.query("select " + COLUMNS + " from runs r where r.agent_name in (" + marks + ")"
        + " and r.created_at = (select max(created_at) from runs m where m.agent_name = r.agent_name)",
        JdbcRunStore::readRun, names.toArray())) {
      latest.merge(r.agent(), r, (a, b) -> a.id().value().compareTo(b.id().value()) <= 0 ? a : b);
    }
    return latest;
  }

  @Override
  public List<Run> list(Optional<AgentId> agent, Optional<RunStatus> status, int limit) {
    StringBuilder q = new StringBuilder("select " + COLUMNS + " from runs where 1 = 1");
    List<Object> params = new ArrayList<>();
    agent.ifPresent(a -> {
      q.append(" and agent_name = ?");
      params.add(a.value());
    });
    status.ifPresent(s -> {
      q.append(" and status = ?");
      params.add(s.name());
    });
    q.append(" order by created_at desc, id limit ?");
    params.add(limit);
    return sql.query(q.toString(), JdbcRunStore::readRun, params.toArray());
  }

  @Override
  public List<Run> liveRuns(AgentId agent, String task) {
    return sql.query("select " + COLUMNS + " from runs where agent_name = ? and task_name = ?"
            + " and status in ('QUEUED', 'RUNNING', 'WAITING') order by created_at",
        JdbcRunStore::readRun, agent.value(), task);
  }

  @Override
  public Map<RunStatus, Long> countByStatus() {
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    for (RunStatus s : RunStatus.values()) counts.put(s, 0L);
    sql.query("select status, count(*) from runs group by status",
        rs -> counts.put(RunStatus.valueOf(rs.getString(1)), rs.getLong(2)));
    return counts;
  }

  @Override
  public void saveStep(StepRecord step) {
    int n = sql.update("update run_steps set name = ?, status = ?, attempts = ?, started_at = ?, finished_at = ?,"
            + " input = ?, output = ?, error = ? where run_id = ? and idx = ?",
        step.name(), step.status().name(), step.attempts(), step.startedAt(), step.finishedAt(),
        Json.write(step.input()), Json.write(step.output()), step.error(), step.run().value(), step.index());
    if (n == 0) {
      sql.update("insert into run_steps (run_id, idx, name, status, attempts, started_at, finished_at, input, output, error)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          step.run().value(), step.index(), step.name(), step.status().name(), step.attempts(), step.startedAt(),
          step.finishedAt(), Json.write(step.input()), Json.write(step.output()), step.error());
    }
  }

  @Override
  public Optional<StepRecord> step(RunId run, int index) {
    return sql.one("select * from run_steps where run_id = ? and idx = ?", JdbcRunStore::readStep, run.value(), index);
  }

  @Override
  public List<StepRecord> steps(RunId run) {
    return sql.query("select * from run_steps where run_id = ? order by idx", JdbcRunStore::readStep, run.value());
  }

  private static StepRecord readStep(ResultSet rs) throws SQLException {
    return new StepRecord(new RunId(rs.getString("run_id")), rs.getInt("idx"), rs.getString("name"),
        StepStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), Sql.instant(rs, "started_at"),
        Sql.optionalInstant(rs, "finished_at"), Json.readMap(rs.getString("input")),
        Json.readMap(rs.getString("output")), rs.getString("error"));
  }

  private static Run readRun(ResultSet rs) throws SQLException {
    return new Run(new RunId(rs.getString("id")), new AgentId(rs.getString("agent_name")),
        rs.getString("task_name"), rs.getString("kind"), Json.readMap(rs.getString("parameters")),
        wakeFromMap(Json.readMap(rs.getString("wake"))), planFromList(Json.readList(rs.getString("plan"))),
        RunStatus.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"),
        Sql.optionalInstant(rs, "started_at"), Sql.optionalInstant(rs, "finished_at"), rs.getInt("next_step"),
        Sql.optionalInstant(rs, "resume_at"), rs.getString("error"));
  }

  static String wakeType(WakeReason wake) {
    return switch (wake) {
      case WakeReason.Scheduled s -> "scheduled";
      case WakeReason.OnEvent e -> "event";
      case WakeReason.OnMessage m -> "message";
      case WakeReason.Manual m -> "manual";
    };
  }

  /** The stored (and API) form of a wake reason. */
  public static Map<String, Object> wakeToMap(WakeReason wake) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", wakeType(wake));
    switch (wake) {
      case WakeReason.Scheduled s -> {
        m.put("scheduledFor", s.scheduledFor().toString());
        m.put("skipped", s.skipped());
      }
      case WakeReason.OnEvent e -> {
        m.put("eventId", e.eventId().value());
        m.put("source", e.source());
        m.put("eventType", e.type());
      }
      case WakeReason.OnMessage msg -> {
        m.put("channel", msg.channel());
        m.put("author", msg.author());
        m.put("text", msg.text());
      }
      case WakeReason.Manual man -> m.put("actor", man.actor());
    }
    m.put("description", wake.describe());
    return m;
  }

  static WakeReason wakeFromMap(Map<String, Object> m) {
    return switch (String.valueOf(m.get("type"))) {
      case "scheduled" -> new WakeReason.Scheduled(Instant.parse((String) m.get("scheduledFor")),
          ((Number) m.get("skipped")).intValue());
      case "event" -> new WakeReason.OnEvent(new EventId((String) m.get("eventId")), (String) m.get("source"),
          (String) m.get("eventType"));
      case "message" -> new WakeReason.OnMessage((String) m.get("channel"), (String) m.get("author"),
          (String) m.get("text"));
      case "manual" -> new WakeReason.Manual((String) m.get("actor"));
      default -> throw new IllegalStateException("stored wake reason of unknown type " + m.get("type"));
    };
  }

  private static List<Map<String, Object>> planToList(List<PlannedStep> plan) {
    return plan.stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("description", p.description());
      return m;
    }).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<PlannedStep> planFromList(List<Object> list) {
    return list.stream().map(o -> (Map<String, Object>) o)
        .map(m -> new PlannedStep((String) m.get("name"), (String) m.get("description"))).toList();
  }
}
