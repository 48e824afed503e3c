package dev.vigil.integrations.promql;

import dev.vigil.core.metrics.LabelMatcher;
import dev.vigil.core.metrics.Labels;
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
import dev.vigil.integrations.promql.internal.Durations;
import dev.vigil.integrations.promql.internal.Lexer;
import dev.vigil.integrations.promql.internal.Token;
import dev.vigil.integrations.promql.internal.TokenKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses PromQL into an {@link Expr} tree and checks its types the way Prometheus 2.42 does.
 * Operators are parsed by precedence climbing; everything else by recursive descent. Keywords are
 * recognised by position, so a metric may be called {@code sum}, {@code offset} or {@code by}, and a
 * label {@code on} or {@code bool}, as in Prometheus. Thread-safe (no shared state).
 */
public final class PromqlParser {
  /** Words that can only continue an operator, so they cannot start an operand. */
  private static final Set<String> NOT_A_METRIC_NAME = Set.of("bool", "on", "ignoring", "group_left",
      "group_right", "atan2");

  private final String query;
  private final List<Token> tokens;
  private int index;

  private PromqlParser(String query) {
    this.query = query;
    this.tokens = Lexer.tokenize(query);
  }

  /**
   * @throws PromqlSyntaxException when {@code query} is not a valid PromQL expression
   */
  public static Expr parse(String query) {
    if (query == null || query.isBlank()) {
      throw new PromqlSyntaxException(query == null ? "" : query, 0, "empty query");
    }
    PromqlParser parser = new PromqlParser(query);
    Expr expr = parser.expression(1);
    parser.expect(TokenKind.EOF, "end of the query");
    return expr;
  }

  /**
   * Parses a series selector as the series and label APIs take it ({@code up{job="a"}},
   * {@code {namespace="x"}}), without offset, @ or range.
   */
  public static VectorSelector parseSelector(String selector) {
    Expr expr = parse(selector);
    if (!(expr instanceof VectorSelector vs) || vs.offset().isPresent() || vs.at().isPresent()) {
      throw new PromqlSyntaxException(selector, 0, "expected a series selector like up{job=\"api\"}");
    }
    return vs;
  }

  /**
   * Parses label matchers alone, with or without braces: {@code namespace="a", team!="b"}. Unlike a
   * selector, the matchers may all match the empty string. Used for grant scopes.
   */
  public static List<LabelMatcher> parseMatchers(String text) {
    String trimmed = text == null ? "" : text.strip();
    String braced = trimmed.startsWith("{") ? trimmed : "{" + trimmed + "}";
    PromqlParser parser = new PromqlParser(braced);
    List<LabelMatcher> matchers = parser.matcherList();
    parser.expect(TokenKind.EOF, "end of the matchers");
    if (matchers.isEmpty()) {
      throw new PromqlSyntaxException(braced, 0, "expected at least one label matcher like namespace=\"payments\"");
    }
    return matchers;
  }

  // ---- operators -----------------------------------------------------------------------------

  private Expr expression(int minPrecedence) {
    Expr lhs = unary();
    while (true) {
      Token opToken = current();
      Optional<BinaryOperator> found = binaryOperator(opToken);
      if (found.isEmpty() || found.get().precedence() < minPrecedence) {
        return lhs;
      }
      BinaryOperator op = found.get();
      index++;
      boolean returnBool = false;
      if (current().isWord("bool")) {
        if (!op.isComparison()) {
          throw error(current(), "bool modifier can only be used on comparison operators");
        }
        returnBool = true;
        index++;
      }
      Optional<VectorMatching> matching = vectorMatching(op);
      Expr rhs = expression(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = binary(opToken, op, lhs, rhs, returnBool, matching);
    }
  }

  private Optional<BinaryOperator> binaryOperator(Token token) {
    return switch (token.kind()) {
      case ADD -> Optional.of(BinaryOperator.ADD);
      case SUB -> Optional.of(BinaryOperator.SUB);
      case MUL -> Optional.of(BinaryOperator.MUL);
      case DIV -> Optional.of(BinaryOperator.DIV);
      case MOD -> Optional.of(BinaryOperator.MOD);
      case POW -> Optional.of(BinaryOperator.POW);
      case EQLC -> Optional.of(BinaryOperator.EQL);
      case NEQ -> Optional.of(BinaryOperator.NEQ);
      case LSS -> Optional.of(BinaryOperator.LSS);
      case LTE -> Optional.of(BinaryOperator.LTE);
      case GTR -> Optional.of(BinaryOperator.GTR);
      case GTE -> Optional.of(BinaryOperator.GTE);
      case IDENTIFIER -> Set.of("and", "or", "unless", "atan2").contains(token.text().toLowerCase(Locale.ROOT))
          ? BinaryOperator.bySymbol(token.text()) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private Optional<VectorMatching> vectorMatching(BinaryOperator op) {
    Token start = current();
    if (!start.isWord("on") && !start.isWord("ignoring")) {
      if (current().isWord("group_left") || current().isWord("group_right")) {
        throw error(current(), current().text() + " needs on(...) or ignoring(...) before it");
      }
      return Optional.empty();
    }
    index++;
    List<String> labels = labelList();
    Cardinality cardinality = Cardinality.ONE_TO_ONE;
    List<String> include = List.of();
    Token group = current();
    if (group.isWord("group_left") || group.isWord("group_right")) {
      if (op.isSetOperator()) {
        throw error(group, "no grouping allowed for \"" + op.symbol() + "\" operation");
      }
      cardinality = group.isWord("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
      index++;
      if (current().kind() == TokenKind.LEFT_PAREN) {
        include = labelList();
      }
      boolean on = start.isWord("on");
      for (String label : include) {
        if (on && labels.contains(label)) {
          throw error(group, "label \"" + label + "\" must not occur in ON and GROUP clause at once");
        }
      }
    }
    return Optional.of(new VectorMatching(start.isWord("on"), labels, cardinality, include));
  }

  private Expr binary(Token opToken, BinaryOperator op, Expr lhs, Expr rhs, boolean returnBool,
      Optional<VectorMatching> matching) {
    for (Expr side : List.of(lhs, rhs)) {
      if (side.type() != ValueType.SCALAR && side.type() != ValueType.INSTANT_VECTOR) {
        throw error(opToken, "binary expression must contain only scalar and instant vector types, got "
            + side.type().description());
      }
    }
    boolean bothScalar = lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR;
    boolean bothVector = lhs.type() == ValueType.INSTANT_VECTOR && rhs.type() == ValueType.INSTANT_VECTOR;
    if (op.isComparison() && bothScalar && !returnBool) {
      throw error(opToken, "comparisons between scalars must use the bool modifier");
    }
    if (op.isSetOperator() && !bothVector) {
      throw error(opToken, "set operator \"" + op.symbol() + "\" is only allowed between instant vectors");
    }
    if (matching.isPresent() && !bothVector) {
      throw error(opToken, "vector matching (on, ignoring, group_left, group_right) is only allowed between"
          + " instant vectors");
    }
    return new Binary(op, lhs, rhs, returnBool, matching);
  }

  private Expr unary() {
    Token token = current();
    if (token.kind() == TokenKind.ADD || token.kind() == TokenKind.SUB) {
      index++;
      Expr operand = expression(BinaryOperator.UNARY_PRECEDENCE + 1);
      if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.INSTANT_VECTOR) {
        throw error(token, "unary expression only allowed on expressions of type scalar or instant vector, got "
            + operand.type().description());
      }
      boolean negative = token.kind() == TokenKind.SUB;
      // A signed number is one literal, as in Prometheus, so "-1" prints back as "-1".
      if (operand instanceof NumberLiteral n) {
        return new NumberLiteral(negative ? -n.value() : n.value());
      }
      return new Unary(negative, operand);
    }
    return postfix(primary());
  }

  // ---- operands ------------------------------------------------------------------------------

  private Expr primary() {
    Token token = current();
    switch (token.kind()) {
      case NUMBER -> {
        index++;
        return new NumberLiteral(number(token));
      }
      case STRING -> {
        index++;
        return new StringLiteral(token.text());
      }
      case LEFT_PAREN -> {
        index++;
        Expr inner = expression(1);
        expect(TokenKind.RIGHT_PAREN, "\")\"");
        return new Paren(inner);
      }
      case LEFT_BRACE -> {
        return selector(token, Optional.empty());
      }
      case IDENTIFIER, METRIC_IDENTIFIER -> {
        return identifierExpression(token);
      }
      case DURATION -> throw error(token, "unexpected duration \"" + token.text()
          + "\": durations belong in [range], [range:step] and after offset");
      case EOF -> throw error(token, "unexpected end of input, expected an expression");
      default -> throw error(token, "unexpected " + token.describe() + ", expected an expression");
    }
  }

  private Expr identifierExpression(Token token) {
    Token next = peek(1);
    String lower = token.text().toLowerCase(Locale.ROOT);
    if (token.kind() == TokenKind.IDENTIFIER && Functions.AGGREGATIONS.contains(lower)
        && (next.kind() == TokenKind.LEFT_PAREN || next.isWord("by") || next.isWord("without"))) {
      return aggregation(token, lower);
    }
    if (token.kind() == TokenKind.IDENTIFIER && next.kind() == TokenKind.LEFT_PAREN) {
      return call(token);
    }
    if (NOT_A_METRIC_NAME.contains(lower)) {
      throw error(token, "unexpected keyword \"" + token.text() + "\", expected an expression");
    }
    index++;
    return selector(token, Optional.of(token.text()));
  }

  private VectorSelector selector(Token start, Optional<String> metricName) {
    List<LabelMatcher> matchers = current().kind() == TokenKind.LEFT_BRACE ? matcherList() : List.of();
    if (metricName.isPresent()) {
      for (LabelMatcher m : matchers) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          throw error(start, "metric name must not be set twice: \"" + metricName.get() + "\" and " + m);
        }
      }
    } else if (matchers.stream().allMatch(m -> m.matches(""))) {
      throw error(start, "vector selector must contain at least one non-empty matcher");
    }
    return new VectorSelector(metricName, matchers, Optional.empty(), Optional.empty());
  }

  private List<LabelMatcher> matcherList() {
    expect(TokenKind.LEFT_BRACE, "\"{\"");
    List<LabelMatcher> matchers = new ArrayList<>();
    while (current().kind() != TokenKind.RIGHT_BRACE) {
      String name = labelName();
      Token op = current();
      LabelMatcher.Operator operator = switch (op.kind()) {
        case EQL -> LabelMatcher.Operator.EQUAL;
        case NEQ -> LabelMatcher.Operator.NOT_EQUAL;
        case EQL_REGEX -> LabelMatcher.Operator.REGEX;
        case NEQ_REGEX -> LabelMatcher.Operator.NOT_REGEX;
        default -> throw error(op, "unexpected " + op.describe() + " in label matching, expected one of"
            + " =, !=, =~, !~");
      };
      index++;
      Token value = current();
      if (value.kind() != TokenKind.STRING) {
        throw error(value, "unexpected " + value.describe() + " in label matching, expected a quoted string");
      }
      index++;
      try {
        matchers.add(new LabelMatcher(name, operator, value.text()));
      } catch (IllegalArgumentException e) {
        throw new PromqlSyntaxException(query, value.position(), e.getMessage());
      }
      if (current().kind() == TokenKind.COMMA) {
        index++;
      } else if (current().kind() != TokenKind.RIGHT_BRACE) {
        throw error(current(), "unexpected " + current().describe() + " in label matching, expected \",\" or \"}\"");
      }
    }
    index++;
    return matchers;
  }

  /** Label names may be keywords ({@code on}, {@code by}), but never contain ':'. */
  private String labelName() {
    return labelName(true);
  }

  /** Prometheus takes "nan" and "inf" as label names inside braces but not in label lists. */
  private String labelName(boolean numberWordsAllowed) {
    Token token = current();
    boolean word = token.kind() == TokenKind.IDENTIFIER || (numberWordsAllowed && token.kind() == TokenKind.NUMBER
        && Character.isLetter(token.text().charAt(0)));
    if (!word) {
      String hint = token.kind() == TokenKind.METRIC_IDENTIFIER ? " (label names may not contain ':')" : "";
      throw error(token, "unexpected " + token.describe() + ", expected a label name" + hint);
    }
    index++;
    return token.text();
  }

  private List<String> labelList() {
    expect(TokenKind.LEFT_PAREN, "\"(\" before the label list");
    List<String> labels = new ArrayList<>();
    while (current().kind() != TokenKind.RIGHT_PAREN) {
      labels.add(labelName(false));
      if (current().kind() == TokenKind.COMMA) {
        index++;
      } else if (current().kind() != TokenKind.RIGHT_PAREN) {
        throw error(current(), "unexpected " + current().describe() + " in label list, expected \",\" or \")\"");
      }
    }
    index++;
    return labels;
  }

  private Expr aggregation(Token opToken, String operator) {
    index++;
    Optional<Grouping> grouping = grouping();
    int argsStart = current().position();
    List<Integer> positions = new ArrayList<>();
    List<Expr> args = arguments(positions);
    if (grouping.isEmpty()) {
      grouping = grouping();
    }
    boolean takesParam = Functions.AGGREGATIONS_WITH_PARAM.contains(operator);
    int expected = takesParam ? 2 : 1;
    if (args.size() != expected) {
      throw new PromqlSyntaxException(query, argsStart, "wrong number of arguments for aggregate expression \""
          + operator + "\": expected " + expected + ", got " + args.size());
    }
    Expr expr = args.getLast();
    if (expr.type() != ValueType.INSTANT_VECTOR) {
      throw new PromqlSyntaxException(query, positions.getLast(), "expected type instant vector in aggregation"
          + " expression \"" + operator + "\", got " + expr.type().description());
    }
    Optional<Expr> param = Optional.empty();
    if (takesParam) {
      ValueType paramType = operator.equals("count_values") ? ValueType.STRING : ValueType.SCALAR;
      if (args.getFirst().type() != paramType) {
        throw new PromqlSyntaxException(query, positions.getFirst(), "expected type " + paramType.description()
            + " as the first argument of \"" + operator + "\", got " + args.getFirst().type().description());
      }
      param = Optional.of(args.getFirst());
    }
    return new Aggregation(operator, expr, param, grouping);
  }

  private Optional<Grouping> grouping() {
    Token word = current();
    if (!word.isWord("by") && !word.isWord("without")) {
      return Optional.empty();
    }
    index++;
    return Optional.of(new Grouping(word.isWord("without"), labelList()));
  }

  private Expr call(Token nameToken) {
    String name = nameToken.text();
    Functions.Signature signature = Functions.signature(name)
        .orElseThrow(() -> error(nameToken, "unknown function \"" + name + "\""));
    index++;
    int argsStart = current().position();
    List<Integer> positions = new ArrayList<>();
    List<Expr> args = arguments(positions);
    if (args.size() < signature.minArgs() || args.size() > signature.maxArgs()) {
      String expected = signature.minArgs() == signature.maxArgs() ? String.valueOf(signature.minArgs())
          : signature.maxArgs() == Integer.MAX_VALUE ? "at least " + signature.minArgs()
          : signature.minArgs() + " to " + signature.maxArgs();
      throw new PromqlSyntaxException(query, argsStart, "wrong number of arguments for function \"" + name
          + "\": expected " + expected + ", got " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      ValueType want = signature.argType(i);
      if (args.get(i).type() != want) {
        throw new PromqlSyntaxException(query, positions.get(i), "expected type " + want.description()
            + " in call to function \"" + name + "\", got " + args.get(i).type().description());
      }
    }
    return new Call(name, args);
  }

  /** {@code ( expr, expr, ... )}; records where each argument starts. */
  private List<Expr> arguments(List<Integer> positions) {
    expect(TokenKind.LEFT_PAREN, "\"(\"");
    List<Expr> args = new ArrayList<>();
    while (current().kind() != TokenKind.RIGHT_PAREN) {
      positions.add(current().position());
      args.add(expression(1));
      if (current().kind() == TokenKind.COMMA) {
        index++;
        if (current().kind() == TokenKind.RIGHT_PAREN) {
          throw error(tokens.get(index - 1), "trailing commas not allowed in function call args");
        }
      } else if (current().kind() != TokenKind.RIGHT_PAREN) {
        throw error(current(), "unexpected " + current().describe() + " in argument list, expected \",\" or \")\"");
      }
    }
    index++;
    return args;
  }

  // ---- ranges, subqueries, offset and @ ------------------------------------------------------

  private Expr postfix(Expr expr) {
    while (true) {
      Token token = current();
      if (token.kind() == TokenKind.LEFT_BRACKET) {
        expr = rangeOrSubquery(token, expr);
      } else if (token.isWord("offset")) {
        index++;
        expr = withOffset(token, expr, signedDuration());
      } else if (token.kind() == TokenKind.AT) {
        index++;
        expr = withAt(token, expr, atValue());
      } else {
        return expr;
      }
    }
  }

  private Expr rangeOrSubquery(Token bracket, Expr expr) {
    index++;
    Duration range = duration("a range like 5m");
    if (current().kind() == TokenKind.COLON) {
      index++;
      Optional<Duration> step = Optional.empty();
      if (current().kind() == TokenKind.DURATION) {
        Token stepToken = current();
        step = Optional.of(duration("a step like 1m"));
        if (step.get().isZero()) {
          throw error(stepToken, "duration must be greater than 0");
        }
      }
      if (range.isZero()) {
        throw error(bracket, "duration must be greater than 0");
      }
      expect(TokenKind.RIGHT_BRACKET, "\"]\"");
      if (expr.type() != ValueType.INSTANT_VECTOR) {
        throw error(bracket, "subquery is only allowed on an instant vector, got " + expr.type().description());
      }
      return new Subquery(expr, range, step, Optional.empty(), Optional.empty());
    }
    expect(TokenKind.RIGHT_BRACKET, "\"]\" or \":\"");
    if (!(expr instanceof VectorSelector selector)) {
      throw error(bracket, "ranges are only allowed for vector selectors (use [range:step] for a subquery)");
    }
    if (selector.offset().isPresent() || selector.at().isPresent()) {
      throw error(bracket, "no offset or @ modifier allowed before a range; write it after: x[5m] offset 1h");
    }
    if (range.isZero()) {
      throw error(bracket, "duration must be greater than 0");
    }
    return new MatrixSelector(selector, range);
  }

  private Expr withOffset(Token token, Expr expr, Duration offset) {
    return switch (expr) {
      case VectorSelector s -> {
        requireUnset(token, s.offset(), "offset");
        yield new VectorSelector(s.metricName(), s.matchers(), Optional.of(offset), s.at());
      }
      case MatrixSelector m -> new MatrixSelector((VectorSelector) withOffset(token, m.selector(), offset), m.range());
      case Subquery q -> {
        requireUnset(token, q.offset(), "offset");
        yield new Subquery(q.expr(), q.range(), q.step(), Optional.of(offset), q.at());
      }
      default -> throw error(token, "offset modifier must follow a vector selector, a range selector or a subquery");
    };
  }

  private Expr withAt(Token token, Expr expr, At at) {
    return switch (expr) {
      case VectorSelector s -> {
        requireUnset(token, s.at(), "@");
        yield new VectorSelector(s.metricName(), s.matchers(), s.offset(), Optional.of(at));
      }
      case MatrixSelector m -> new MatrixSelector((VectorSelector) withAt(token, m.selector(), at), m.range());
      case Subquery q -> {
        requireUnset(token, q.at(), "@");
        yield new Subquery(q.expr(), q.range(), q.step(), q.offset(), Optional.of(at));
      }
      default -> throw error(token, "@ modifier must follow a vector selector, a range selector or a subquery");
    };
  }

  private void requireUnset(Token token, Optional<?> existing, String modifier) {
    if (existing.isPresent()) {
      throw error(token, modifier + " modifier may not be set more than once");
    }
  }

  private Duration signedDuration() {
    boolean negative = false;
    if (current().kind() == TokenKind.SUB || current().kind() == TokenKind.ADD) {
      negative = current().kind() == TokenKind.SUB;
      index++;
    }
    Token token = current();
    Duration d = duration("a duration like 5m after offset");
    if (d.isZero()) {
      throw error(token, "duration must be greater than 0");
    }
    return negative ? d.negated() : d;
  }

  private At atValue() {
    Token token = current();
    if (token.isWord("start") || token.isWord("end")) {
      index++;
      expect(TokenKind.LEFT_PAREN, "\"(\" after " + token.text());
      expect(TokenKind.RIGHT_PAREN, "\")\"");
      return token.isWord("start") ? new At.Start() : new At.End();
    }
    boolean negative = false;
    if (token.kind() == TokenKind.SUB || token.kind() == TokenKind.ADD) {
      negative = token.kind() == TokenKind.SUB;
      index++;
    }
    Token number = current();
    if (number.kind() != TokenKind.NUMBER) {
      throw error(number, "unexpected " + number.describe() + " after @, expected a Unix time, start() or end()");
    }
    index++;
    double seconds = number(number) * (negative ? -1 : 1);
    if (!Double.isFinite(seconds)) {
      throw error(number, "@ needs a finite Unix time, got " + number.text());
    }
    return new At.Time(seconds);
  }

  private Duration duration(String expected) {
    Token token = current();
    if (token.kind() != TokenKind.DURATION) {
      throw error(token, "unexpected " + token.describe() + ", expected " + expected);
    }
    index++;
    return Durations.parse(token.text());
  }

  private double number(Token token) {
    String text = token.text();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (lower.startsWith("0x")) {
      return Long.parseUnsignedLong(text.substring(2), 16);
    }
    return Double.parseDouble(text);
  }

  // ---- tokens --------------------------------------------------------------------------------

  private Token current() {
    return tokens.get(index);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private void expect(TokenKind kind, String what) {
    Token token = current();
    if (token.kind() != kind) {
      throw error(token, "unexpected " + token.describe() + ", expected " + what);
    }
    index++;
  }

  private PromqlSyntaxException error(Token token, String reason) {
    return new PromqlSyntaxException(query, token.position(), reason);
  }
}
