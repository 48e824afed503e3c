package dev.vigil.store;

import dev.vigil.core.graph.LearnedBaseline;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.port.BaselineStore;
import dev.vigil.core.port.Transactor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Learned baselines in {@code graph_baselines} and {@code graph_baseline_hours} (migrations V6, V8, V10): one
 * row per service and signal, and its 168 hours. A save replaces both in one transaction.
 */
public final class JdbcBaselineStore implements BaselineStore {
  private static final List<String> HOUR_COLUMNS =
      List.of("service", "signal", "hour_of_week", "median", "spread", "samples", "basis");

  private final Sql sql;
  private final Transactor tx;

  public JdbcBaselineStore(Database db) {
    this.sql = new Sql(db.dataSource());
    this.tx = db.transactor();
  }

  @Override
  public void save(LearnedBaseline b) {
    String service = b.service().toString();
    List<Object[]> hours = new ArrayList<>(LearnedBaseline.HOURS_PER_WEEK);
    for (LearnedBaseline.Hour h : b.hours()) {
      hours.add(new Object[] {service, b.signal(), h.hourOfWeek(),
          h.median().isPresent() ? h.median().getAsDouble() : null, Double.isNaN(h.spread()) ? null : h.spread(),
          h.samples(), h.basis().wire()});
    }
    tx.run(() -> {
      sql.update("delete from graph_baseline_hours where service = ? and signal = ?", service, b.signal());
      sql.update("delete from graph_baselines where service = ? and signal = ?", service, b.signal());
      LearnedBaseline.Range r = b.range().orElse(null);
      LearnedBaseline.Values v = b.recent().orElse(null);
      sql.update("insert into graph_baselines (service, signal, query, learned_from, learned_to, points, step_seconds,"
          + " range_values, range_low, range_high, range_p10, range_median, range_p90, recent_from, recent_values)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", service, b.signal(), b.query(), b.learnedFrom(),
          b.learnedTo(), b.points(), b.step().toSeconds(), r == null ? null : r.values(), r == null ? null : r.low(),
          r == null ? null : r.high(), r == null ? null : r.p10(), r == null ? null : r.median(),
          r == null ? null : r.p90(), v == null ? null : v.from(), v == null ? null : pack(v));
      sql.insert("graph_baseline_hours", HOUR_COLUMNS, hours);
    });
  }

  @Override
  public List<LearnedBaseline> list() {
    return tx.inTransaction(() -> {
      Map<String, List<LearnedBaseline.Hour>> hours = new HashMap<>();
      sql.query("select service, signal, hour_of_week, median, spread, samples, basis from graph_baseline_hours"
          + " order by service, signal, hour_of_week", rs -> {
            double median = rs.getDouble("median");
            OptionalDouble m = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(median);
            double spread = rs.getDouble("spread");
            spread = rs.wasNull() ? Double.NaN : spread;
            hours.computeIfAbsent(rs.getString("service") + " " + rs.getString("signal"), k -> new ArrayList<>())
                .add(new LearnedBaseline.Hour(rs.getInt("hour_of_week"), m, spread, rs.getInt("samples"),
                    LearnedBaseline.Basis.fromWire(rs.getString("basis"))));
            return null;
          });
      return sql.query("select service, signal, query, learned_from, learned_to, points, step_seconds, range_values,"
          + " range_low, range_high, range_p10, range_median, range_p90, recent_from, recent_values from graph_baselines"
          + " order by service, signal",
          rs -> {
            int values = rs.getInt("range_values");
            Optional<LearnedBaseline.Range> range = rs.wasNull() ? Optional.empty() : Optional.of(
                new LearnedBaseline.Range(values, rs.getDouble("range_low"), rs.getDouble("range_high"),
                    rs.getDouble("range_p10"), rs.getDouble("range_median"), rs.getDouble("range_p90")));
            Duration step = Duration.ofSeconds(rs.getLong("step_seconds"));
            byte[] packed = rs.getBytes("recent_values");
            Optional<LearnedBaseline.Values> recent = packed == null ? Optional.empty()
                : Optional.of(new LearnedBaseline.Values(Sql.instant(rs, "recent_from"), step, unpack(packed)));
            return new LearnedBaseline(NodeId.parse(rs.getString("service")), rs.getString("signal"),
                rs.getString("query"), Sql.instant(rs, "learned_from"), Sql.instant(rs, "learned_to"),
                rs.getInt("points"), hours.getOrDefault(rs.getString("service") + " " + rs.getString("signal"),
                    List.of()), step, range, recent);
          });
    });
  }

  /** Big-endian IEEE 754 doubles, NaN kept (migration V10). */
  private static byte[] pack(LearnedBaseline.Values v) {
    ByteBuffer out = ByteBuffer.allocate(Double.BYTES * v.size());
    for (int i = 0; i < v.size(); i++) {
      out.putDouble(v.value(i));
    }
    return out.array();
  }

  private static double[] unpack(byte[] packed) {
    if (packed.length % Double.BYTES != 0) {
      throw new IllegalStateException("graph_baselines.recent_values holds " + packed.length
          + " bytes, not a whole number of doubles");
    }
    ByteBuffer in = ByteBuffer.wrap(packed);
    double[] values = new double[packed.length / Double.BYTES];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.getDouble();
    }
    return values;
  }
}
