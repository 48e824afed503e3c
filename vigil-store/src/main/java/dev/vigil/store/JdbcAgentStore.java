package dev.vigil.store;

import dev.vigil.core.agent.Agent;
import dev.vigil.core.agent.AgentDocument;
import dev.vigil.core.agent.AgentId;
import dev.vigil.core.port.AgentStore;
import dev.vigil.core.port.Transactor;
import dev.vigil.core.task.TaskRef;
import dev.vigil.core.task.TaskSpec;
import dev.vigil.core.trigger.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Agents as their agents.yaml document, plus an index of their tasks' triggers. */
public final class JdbcAgentStore implements AgentStore {
  private final Sql sql;
  private final Transactor tx;

  public JdbcAgentStore(Database db) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
  }

  @Override
  public void save(Agent agent, Instant now) {
    String document = Json.write(AgentDocument.writeAgent(agent));
    tx.run(() -> {
      String name = agent.id().value();
      // Insert-if-absent then update: two concurrent first saves (two nodes applying the same
      // agents.yaml) both succeed, the later one winning, instead of one failing on the key.
      sql.update("insert into agents (name, document, paused, created_at, updated_at) values (?, ?, ?, ?, ?)"
          + " on conflict do nothing", name, document, agent.paused(), now, now);
      sql.update("update agents set document = ?, paused = ?, updated_at = ? where name = ?",
          document, agent.paused(), now, name);
      sql.update("delete from agent_tasks where agent_name = ?", name);
      for (TaskSpec task : agent.tasks()) {
        String type = "none";
        String source = "";
        String eventType = "";
        if (task.trigger() instanceof Trigger.Schedule) {
          type = "schedule";
        } else if (task.trigger() instanceof Trigger.OnEvent e) {
          type = "event";
          source = e.source().toLowerCase(java.util.Locale.ROOT);
          eventType = e.type();
        } else if (task.trigger() instanceof Trigger.OnMessage) {
          type = "message";
        }
        sql.update("insert into agent_tasks (agent_name, task_name, kind, enabled, trigger_type, event_source, event_type)"
            + " values (?, ?, ?, ?, ?, ?, ?)", name, task.name(), task.kind(), task.enabled(), type, source, eventType);
      }
    });
  }

  @Override
  public Optional<Agent> find(AgentId id) {
    return sql.one("select name, document from agents where name = ?", rs -> read(rs.getString("document"), rs.getString("name")), id.value());
  }

  @Override
  public List<Agent> list(String afterName, int limit) {
    return sql.query("select name, document from agents where name > ? order by name limit ?",
        rs -> read(rs.getString("document"), rs.getString("name")), afterName == null ? "" : afterName, limit);
  }

  @Override
  public long count() {
    return sql.count("select count(*) from agents");
  }

  @Override
  public boolean delete(AgentId id) {
    return sql.update("delete from agents where name = ?", id.value()) > 0;
  }

  @Override
  public List<TaskRef> eventTriggerCandidates(String source, String type) {
    // Prefix type matchers ("deployment*") are rare; they are fetched with the empty-type ones
    // and checked exactly by the caller.
    return sql.query(
        "select t.agent_name, t.task_name from agent_tasks t join agents a on a.name = t.agent_name"
            + " where t.trigger_type = 'event' and t.enabled and not a.paused"
            + " and (t.event_source = '' or t.event_source = ?)"
            + " and (t.event_type = '' or t.event_type = ? or t.event_type like '%*')",
        rs -> new TaskRef(new AgentId(rs.getString(1)), rs.getString(2)),
        source.toLowerCase(java.util.Locale.ROOT), type);
  }

  @Override
  public List<TaskRef> messageTriggerCandidates() {
    return sql.query(
        "select t.agent_name, t.task_name from agent_tasks t join agents a on a.name = t.agent_name"
            + " where t.trigger_type = 'message' and t.enabled and not a.paused order by t.agent_name, t.task_name",
        rs -> new TaskRef(new AgentId(rs.getString(1)), rs.getString(2)));
  }

  private static Agent read(String document, String name) {
    return AgentDocument.readAgent(Json.readMap(document), "stored agent '" + name + "'");
  }
}
