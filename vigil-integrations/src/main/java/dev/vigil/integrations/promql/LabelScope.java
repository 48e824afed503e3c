package dev.vigil.integrations.promql;

import dev.vigil.core.agent.Grant;
import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.metrics.Labels;
import dev.vigil.integrations.promql.Expr.Aggregation;
import dev.vigil.integrations.promql.Expr.Binary;
import dev.vigil.integrations.promql.Expr.Call;
import dev.vigil.integrations.promql.Expr.MatrixSelector;
import dev.vigil.integrations.promql.Expr.NumberLiteral;
import dev.vigil.integrations.promql.Expr.Paren;
import dev.vigil.integrations.promql.Expr.StringLiteral;
import dev.vigil.integrations.promql.Expr.Subquery;
import dev.vigil.integrations.promql.Expr.Unary;
import dev.vigil.integrations.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The label matchers every series read under a {@code metrics:read} grant must satisfy, and the
 * rewrite that enforces them on PromQL, in the spirit of prom-label-proxy.
 *
 * <p>The rule: every vector and range selector of the query, wherever it stands (function
 * arguments, both sides of a binary operator, subqueries, {@code absent(...)}), gets every scope
 * matcher added. A matcher the query already wrote is never removed or replaced, so the result is
 * the intersection of what the query asked for and what the scope allows: it cannot widen, whatever
 * the query says about the scoped label ({@code !=}, {@code =~".*"}, {@code offset}, {@code @}).
 * One case is refused instead of narrowed to nothing: an equality matcher on a scoped label whose
 * value the scope does not allow ({@code namespace="other"} under {@code namespace="payments"}) is
 * an explicit attempt to read elsewhere, reported as a {@link ScopeViolationException}.
 *
 * @param matchers the scope; empty means unrestricted
 */
public record LabelScope(List<LabelMatcher> matchers) {
  public LabelScope {
    matchers = List.copyOf(matchers);
  }

  public static LabelScope unrestricted() {
    return new LabelScope(List.of());
  }

  /**
   * The scope of a grant: each entry is a set of matchers ({@code {namespace="payments"}} or
   * {@code namespace="payments", cluster="eu"}) that must all hold. Several entries mean "any of
   * them"; that is expressible as a selector only when each entry is one equality matcher on the same
   * label, which becomes one anchored alternation ({@code namespace=~"payments|checkout"}). Other
   * combinations are rejected with a message saying so, rather than enforced loosely.
   *
   * @throws IllegalArgumentException when an entry is malformed or the entries cannot be combined
   */
  public static LabelScope fromGrantScope(List<String> entries) {
    return fromGrantScope(METRICS_READ, entries);
  }

  /** The scope of a {@code permission} grant whose scope is label matchers, read as {@link #fromGrantScope(List)}. */
  public static LabelScope fromGrantScope(String permission, List<String> entries) {
    if (entries == null || entries.isEmpty()) {
      return unrestricted();
    }
    List<List<LabelMatcher>> parsed = new ArrayList<>();
    for (String entry : entries) {
      try {
        parsed.add(PromqlParser.parseMatchers(entry));
      } catch (PromqlSyntaxException e) {
        throw new IllegalArgumentException(permission + " scope '" + entry + "' is not a list of label matchers: "
            + e.reason(), e);
      }
    }
    if (parsed.size() == 1) {
      return new LabelScope(parsed.getFirst());
    }
    Set<String> labels = parsed.stream().map(ms -> ms.getFirst().name()).collect(Collectors.toSet());
    boolean alternation = labels.size() == 1 && parsed.stream()
        .allMatch(ms -> ms.size() == 1 && ms.getFirst().operator() == LabelMatcher.Operator.EQUAL);
    if (!alternation) {
      throw new IllegalArgumentException(permission + " scopes " + entries + " cannot be combined: several"
          + " entries must each be one equality matcher on the same label (e.g. namespace=\"a\","
          + " namespace=\"b\"); write one regex matcher instead");
    }
    String regex = parsed.stream().map(ms -> escapeRegex(ms.getFirst().value()))
        .collect(Collectors.joining("|"));
    return new LabelScope(List.of(new LabelMatcher(labels.iterator().next(), LabelMatcher.Operator.REGEX, regex)));
  }

  /** The permission whose grants carry label scopes. */
  public static final String METRICS_READ = "metrics:read";

  /**
   * What an agent holding {@code grants} may read from {@code integration}: empty when no
   * {@code metrics:read} grant names it (the call must be denied), unrestricted when any such grant
   * has no scope, else the scope entries of all such grants taken together ("any of them").
   *
   * @throws IllegalArgumentException when the entries are malformed or cannot be combined
   */
  public static Optional<LabelScope> forIntegration(List<Grant> grants, String integration) {
    return forIntegration(grants, integration, METRICS_READ);
  }

  /**
   * What an agent holding {@code grants} may reach on {@code integration} under {@code permission}
   * (one whose scope is label matchers, such as {@code alerts:read}), read as {@link
   * #forIntegration(List, String)}.
   */
  public static Optional<LabelScope> forIntegration(List<Grant> grants, String integration, String permission) {
    List<Grant> matching = grants.stream()
        .filter(g -> g.integration().equals(integration) && g.permission().equals(permission))
        .toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    if (matching.stream().anyMatch(g -> g.scope().isEmpty())) {
      return Optional.of(unrestricted());
    }
    return Optional.of(fromGrantScope(permission, matching.stream().flatMap(g -> g.scope().stream()).toList()));
  }

  public boolean isUnrestricted() {
    return matchers.isEmpty();
  }

  /**
   * The query restricted to this scope, printed back as PromQL.
   *
   * @throws PromqlSyntaxException when the query is not valid PromQL
   * @throws ScopeViolationException when it explicitly selects series outside the scope
   */
  public String enforce(String promql) {
    return PromqlPrinter.print(enforce(PromqlParser.parse(promql)));
  }

  /** A series selector (for the series and label APIs) restricted to this scope. */
  public String enforceSelector(String selector) {
    return PromqlPrinter.print(restrict(PromqlParser.parseSelector(selector)));
  }

  /** The tree with every selector restricted to this scope. */
  public Expr enforce(Expr expr) {
    if (isUnrestricted()) {
      return expr;
    }
    return switch (expr) {
      case NumberLiteral n -> n;
      case StringLiteral s -> s;
      case VectorSelector s -> restrict(s);
      case MatrixSelector m -> new MatrixSelector(restrict(m.selector()), m.range());
      case Subquery q -> new Subquery(enforce(q.expr()), q.range(), q.step(), q.offset(), q.at());
      case Paren p -> new Paren(enforce(p.expr()));
      case Unary u -> new Unary(u.negative(), enforce(u.expr()));
      case Call c -> new Call(c.function(), c.args().stream().map(this::enforce).toList());
      case Aggregation a -> new Aggregation(a.operator(), enforce(a.expr()), a.param().map(this::enforce),
          a.grouping());
      case Binary b -> new Binary(b.operator(), enforce(b.lhs()), enforce(b.rhs()), b.returnBool(), b.matching());
    };
  }

  private VectorSelector restrict(VectorSelector selector) {
    List<LabelMatcher> existing = selector.allMatchers();
    Set<LabelMatcher> added = new LinkedHashSet<>();
    for (LabelMatcher required : matchers) {
      for (LabelMatcher written : existing) {
        if (written.name().equals(required.name()) && written.operator() == LabelMatcher.Operator.EQUAL
            && !required.matches(written.value())) {
          throw new ScopeViolationException("selector " + PromqlPrinter.print(selector) + " asks for " + written
              + ", outside the granted scope " + this);
        }
      }
      if (!existing.contains(required)) {
        added.add(required);
      }
    }
    if (added.isEmpty()) {
      return selector;
    }
    boolean scopesName = added.stream().anyMatch(m -> m.name().equals(Labels.METRIC_NAME));
    if (scopesName && selector.metricName().isPresent()) {
      // PromQL refuses a name both before and inside the braces: move it inside.
      List<LabelMatcher> all = new ArrayList<>(existing);
      all.addAll(added);
      return new VectorSelector(Optional.empty(), all, selector.offset(), selector.at());
    }
    return selector.withMatchers(List.copyOf(added));
  }

  /** Backslash before RE2's metacharacters, so a value matches only itself. */
  private static String escapeRegex(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "{" + matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ")) + "}";
  }
}
