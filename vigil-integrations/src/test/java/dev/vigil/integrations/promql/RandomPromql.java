package dev.vigil.integrations.promql;

import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.metrics.LabelMatcher.Operator;
import dev.vigil.integrations.promql.Expr.Aggregation;
import dev.vigil.integrations.promql.Expr.At;
import dev.vigil.integrations.promql.Expr.Binary;
import dev.vigil.integrations.promql.Expr.Call;
import dev.vigil.integrations.promql.Expr.Cardinality;
import dev.vigil.integrations.promql.Expr.Grouping;
import dev.vigil.integrations.promql.Expr.MatrixSelector;
import dev.vigil.integrations.promql.Expr.NumberLiteral;
import dev.vigil.integrations.promql.Expr.Paren;
import dev.vigil.integrations.promql.Expr.StringLiteral;
import dev.vigil.integrations.promql.Expr.Subquery;
import dev.vigil.integrations.promql.Expr.Unary;
import dev.vigil.integrations.promql.Expr.VectorMatching;
import dev.vigil.integrations.promql.Expr.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random well-typed PromQL trees, built by hand (no parentheses unless chosen), to check that the
 * printer adds the parentheses a tree needs and that what it prints is PromQL Prometheus accepts.
 */
public final class RandomPromql {
  private static final List<String> NAMES = List.of("up", "http_requests_total", "job:rate5m:sum", "sum", "offset",
      "by", "start", "x_bucket");
  private static final List<String> LABELS = List.of("job", "namespace", "le", "on", "bool", "instance");
  private static final List<String> VALUES = List.of("api", "", "a\"b", "x\\y", "payments|checkout", "é");
  private static final List<BinaryOperator> ARITHMETIC = List.of(BinaryOperator.ADD, BinaryOperator.SUB,
      BinaryOperator.MUL, BinaryOperator.DIV, BinaryOperator.MOD, BinaryOperator.POW, BinaryOperator.ATAN2);
  private static final List<BinaryOperator> COMPARISONS = List.of(BinaryOperator.EQL, BinaryOperator.NEQ,
      BinaryOperator.LSS, BinaryOperator.LTE, BinaryOperator.GTR, BinaryOperator.GTE);
  private static final List<BinaryOperator> SET = List.of(BinaryOperator.AND, BinaryOperator.OR,
      BinaryOperator.UNLESS);

  private final Random random;

  public RandomPromql(long seed) {
    this.random = new Random(seed);
  }

  public Expr vector(int depth) {
    int choice = depth <= 0 ? 0 : random.nextInt(9);
    return switch (choice) {
      case 0 -> selector();
      case 1 -> new Call(pick(List.of("rate", "increase", "delta", "avg_over_time", "max_over_time")),
          List.of(range(depth - 1)));
      case 2 -> new Call(pick(List.of("abs", "ceil", "sort", "timestamp", "absent")), List.of(vector(depth - 1)));
      case 3 -> aggregation(depth - 1);
      case 4 -> vectorBinary(depth - 1);
      case 5 -> new Unary(random.nextBoolean(), vector(depth - 1));
      case 6 -> new Paren(vector(depth - 1));
      case 7 -> new Call("histogram_quantile", List.of(scalar(depth - 1), vector(depth - 1)));
      default -> new Call("label_replace", List.of(vector(depth - 1), new StringLiteral("dst"),
          new StringLiteral("$1"), new StringLiteral("src"), new StringLiteral("(.*)")));
    };
  }

  public Expr scalar(int depth) {
    int choice = depth <= 0 ? 0 : random.nextInt(6);
    return switch (choice) {
      case 0 -> new NumberLiteral(pick(List.of(0.0, 1.0, -2.0, 0.5, 1e-3, 123456.0, Double.NaN,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
      case 1 -> new Call("scalar", List.of(vector(depth - 1)));
      case 2 -> new Call("time", List.of());
      case 3 -> {
        boolean compare = random.nextInt(3) == 0;
        BinaryOperator op = compare ? pick(COMPARISONS) : pick(ARITHMETIC);
        yield new Binary(op, scalar(depth - 1), scalar(depth - 1), compare, Optional.empty());
      }
      case 4 -> new Unary(random.nextBoolean(), scalar(depth - 1));
      default -> new Paren(scalar(depth - 1));
    };
  }

  private Expr range(int depth) {
    if (depth <= 0 || random.nextBoolean()) {
      return new MatrixSelector(selector(), pick(List.of(Duration.ofMinutes(5), Duration.ofSeconds(90),
          Duration.ofHours(1))));
    }
    return new Subquery(vector(depth - 1), Duration.ofMinutes(30),
        random.nextBoolean() ? Optional.of(Duration.ofMinutes(1)) : Optional.empty(), offset(), at());
  }

  private VectorSelector selector() {
    List<LabelMatcher> matchers = new ArrayList<>();
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      Operator op = pick(List.of(Operator.values()));
      String value = op.isRegex() ? pick(List.of("a.*", "payments|checkout", ".+")) : pick(VALUES);
      matchers.add(new LabelMatcher(pick(LABELS), op, value));
    }
    return new VectorSelector(Optional.of(pick(NAMES)), matchers, offset(), at());
  }

  private Optional<Duration> offset() {
    return random.nextInt(4) == 0 ? Optional.of(pick(List.of(Duration.ofHours(1), Duration.ofMinutes(-5))))
        : Optional.empty();
  }

  private Optional<At> at() {
    return random.nextInt(5) == 0 ? Optional.of(pick(List.of(new At.Start(), new At.End(), new At.Time(1.7e9))))
        : Optional.empty();
  }

  private Expr aggregation(int depth) {
    String op = pick(Functions.AGGREGATIONS);
    Optional<Expr> param = switch (op) {
      case "topk", "bottomk" -> Optional.of(new NumberLiteral(3));
      case "quantile" -> Optional.of(new NumberLiteral(0.9));
      case "count_values" -> Optional.of(new StringLiteral("value"));
      default -> Optional.empty();
    };
    Optional<Grouping> grouping = random.nextBoolean() ? Optional.empty()
        : Optional.of(new Grouping(random.nextBoolean(), random.nextBoolean() ? List.of() : List.of(pick(LABELS))));
    return new Aggregation(op, vector(depth), param, grouping);
  }

  private Expr vectorBinary(int depth) {
    int kind = random.nextInt(4);
    if (kind == 0) {
      return new Binary(pick(SET), vector(depth), vector(depth), false,
          random.nextBoolean() ? Optional.empty()
              : Optional.of(new VectorMatching(random.nextBoolean(), List.of("job"), Cardinality.ONE_TO_ONE, List.of())));
    }
    boolean compare = kind == 1;
    BinaryOperator op = compare ? pick(COMPARISONS) : pick(ARITHMETIC);
    if (random.nextBoolean()) {
      Expr scalar = scalar(depth);
      boolean scalarLeft = random.nextBoolean();
      return new Binary(op, scalarLeft ? scalar : vector(depth), scalarLeft ? vector(depth) : scalar,
          compare && random.nextBoolean(), Optional.empty());
    }
    Optional<VectorMatching> matching = switch (random.nextInt(4)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(new VectorMatching(true, List.of("job"), Cardinality.ONE_TO_ONE, List.of()));
      case 2 -> Optional.of(new VectorMatching(false, List.of(), Cardinality.MANY_TO_ONE, List.of("instance")));
      default -> Optional.of(new VectorMatching(true, List.of(), Cardinality.ONE_TO_MANY, List.of()));
    };
    return new Binary(op, vector(depth), vector(depth), compare && random.nextBoolean(), matching);
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  /** The tree without its parentheses (and with signs folded into literals): what it means. */
  public static Expr withoutParens(Expr expr) {
    return switch (expr) {
      case Paren p -> withoutParens(p.expr());
      case Unary u -> {
        Expr inner = withoutParens(u.expr());
        // A sign on a number literal is the negated literal, however it was written.
        yield inner instanceof NumberLiteral n
            ? new NumberLiteral(u.negative() ? -n.value() : n.value()) : new Unary(u.negative(), inner);
      }
      case Binary b -> new Binary(b.operator(), withoutParens(b.lhs()), withoutParens(b.rhs()), b.returnBool(),
          b.matching());
      case Call c -> new Call(c.function(), c.args().stream().map(RandomPromql::withoutParens).toList());
      case Aggregation a -> new Aggregation(a.operator(), withoutParens(a.expr()), a.param().map(RandomPromql::withoutParens),
          a.grouping());
      case Subquery q -> new Subquery(withoutParens(q.expr()), q.range(), q.step(), q.offset(), q.at());
      case NumberLiteral n -> n;
      case StringLiteral s -> s;
      case VectorSelector s -> s;
      case MatrixSelector m -> m;
    };
  }
}
