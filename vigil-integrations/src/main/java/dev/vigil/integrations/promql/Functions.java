package dev.vigil.integrations.promql;

import static dev.vigil.integrations.promql.ValueType.INSTANT_VECTOR;
import static dev.vigil.integrations.promql.ValueType.RANGE_VECTOR;
import static dev.vigil.integrations.promql.ValueType.SCALAR;
import static dev.vigil.integrations.promql.ValueType.STRING;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions of PromQL as of Prometheus 2.42 (the version Vigil tests against), with argument
 * and return types, so a query is checked before it leaves Vigil: a typo becomes an error with a
 * position instead of a round trip and a 400.
 */
public final class Functions {

  /**
   * @param args argument types; with optional arguments the last type repeats
   * @param optional 0 when all arguments are required, {@code n} when the last one may be left out
   *     or repeated up to {@code n} times, -1 when it may repeat without limit
   */
  public record Signature(String name, List<ValueType> args, int optional, ValueType returns) {
    public Signature {
      args = List.copyOf(args);
    }

    public int minArgs() {
      return optional == 0 ? args.size() : args.size() - 1;
    }

    /** Integer.MAX_VALUE when unlimited. */
    public int maxArgs() {
      return optional == 0 ? args.size() : optional < 0 ? Integer.MAX_VALUE : args.size() - 1 + optional;
    }

    /** The type expected at argument {@code index}. */
    public ValueType argType(int index) {
      return args.get(Math.min(index, args.size() - 1));
    }
  }

  private static final Map<String, Signature> SIGNATURES = new HashMap<>();

  static {
    for (String name : List.of("abs", "ceil", "exp", "floor", "ln", "log10", "log2", "sqrt", "deg", "rad", "sgn",
        "sort", "sort_desc", "timestamp", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh",
        "sin", "sinh", "tan", "tanh", "histogram_count", "histogram_sum")) {
      add(name, List.of(INSTANT_VECTOR), 0, INSTANT_VECTOR);
    }
    for (String name : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
        "absent_over_time", "present_over_time", "avg_over_time", "count_over_time", "last_over_time",
        "max_over_time", "min_over_time", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
      add(name, List.of(RANGE_VECTOR), 0, INSTANT_VECTOR);
    }
    // Calendar functions default to vector(time()) when called without an argument.
    for (String name : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
        "month", "year")) {
      add(name, List.of(INSTANT_VECTOR), 1, INSTANT_VECTOR);
    }
    add("clamp", List.of(INSTANT_VECTOR, SCALAR, SCALAR), 0, INSTANT_VECTOR);
    add("clamp_max", List.of(INSTANT_VECTOR, SCALAR), 0, INSTANT_VECTOR);
    add("clamp_min", List.of(INSTANT_VECTOR, SCALAR), 0, INSTANT_VECTOR);
    add("round", List.of(INSTANT_VECTOR, SCALAR), 1, INSTANT_VECTOR);
    add("histogram_quantile", List.of(SCALAR, INSTANT_VECTOR), 0, INSTANT_VECTOR);
    add("histogram_fraction", List.of(SCALAR, SCALAR, INSTANT_VECTOR), 0, INSTANT_VECTOR);
    add("holt_winters", List.of(RANGE_VECTOR, SCALAR, SCALAR), 0, INSTANT_VECTOR);
    add("predict_linear", List.of(RANGE_VECTOR, SCALAR), 0, INSTANT_VECTOR);
    add("quantile_over_time", List.of(SCALAR, RANGE_VECTOR), 0, INSTANT_VECTOR);
    add("label_replace", List.of(INSTANT_VECTOR, STRING, STRING, STRING, STRING), 0, INSTANT_VECTOR);
    add("label_join", List.of(INSTANT_VECTOR, STRING, STRING, STRING), -1, INSTANT_VECTOR);
    add("scalar", List.of(INSTANT_VECTOR), 0, SCALAR);
    add("vector", List.of(SCALAR), 0, INSTANT_VECTOR);
    add("time", List.of(), 0, SCALAR);
    add("pi", List.of(), 0, SCALAR);
  }

  private Functions() {}

  private static void add(String name, List<ValueType> args, int optional, ValueType returns) {
    SIGNATURES.put(name, new Signature(name, args, optional, returns));
  }

  /** The signature of {@code name} (case-sensitive, as in Prometheus), if it is a known function. */
  public static Optional<Signature> signature(String name) {
    return Optional.ofNullable(SIGNATURES.get(name));
  }

  /** The aggregation operators; those in {@link #AGGREGATIONS_WITH_PARAM} take a first argument. */
  public static final List<String> AGGREGATIONS = List.of("sum", "avg", "count", "min", "max", "group", "stddev",
      "stdvar", "topk", "bottomk", "count_values", "quantile");

  public static final List<String> AGGREGATIONS_WITH_PARAM = List.of("topk", "bottomk", "count_values", "quantile");
}
