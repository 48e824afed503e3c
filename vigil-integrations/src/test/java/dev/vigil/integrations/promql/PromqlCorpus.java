package dev.vigil.integrations.promql;

import java.util.List;

/**
 * Queries whose fate is known: {@link #VALID} ones Prometheus 2.42 accepts, {@link #INVALID} ones
 * it rejects. The unit tests check the parser agrees; PrometheusIT sends every one of them (and
 * their printed and scope-enforced forms) to a real Prometheus to check that agreement holds.
 */
public final class PromqlCorpus {
  private PromqlCorpus() {}

  public static final List<String> VALID = List.of(
      "up",
      "up{job=\"api\", code!=\"200\", path=~\"/v1/.*\", pod!~\"canary-.+\"}",
      "{__name__=~\"http_.*\"}",
      "job:http_requests:rate5m{job=\"a\"}",
      ":x",
      "sum", "offset", "by", "without", "start", "end", "count{job=\"a\"}", "and{a=\"b\"}",
      "x{by=\"1\", on=\"2\", offset=\"3\", bool=\"4\", nan=\"5\"}",
      "sum by (sum, on, offset) (x)",
      "histogram_quantile(0.99, sum by (le) (rate(x_bucket{service=\"a\"}[5m])))",
      "sum(rate(x[5m])) by (le)",
      "topk(5, x) by (a)",
      "count_values by (a) (\"v\", x)",
      "quantile without (pod) (0.9, x)",
      "max_over_time(rate(x[1m])[1h:5m] offset 1d)",
      "rate(x[5m:])",
      "(a + b)[30m:]",
      "abs(x)[5m:]",
      "x[5m] @ 100 offset 1m",
      "x @ start() offset -5m",
      "rate(x[5m] @ end())",
      "x @ 1e3",
      "x[1y2w3d4h5m6s7ms]",
      "a > bool on(job, instance) group_left(version) b",
      "a / ignoring(code) group_right b",
      "x / ignoring(a) group_left(a) y",
      "sum(rate(a[5m])) / on() group_left sum(rate(b[5m]))",
      "vector(1) + on() group_left(a) vector(1)",
      "a and b or c unless d",
      "a atan2 b",
      "-2 ^ 2", "(-2) ^ 2", "1 ^ -2", "- - x", "+x",
      "1 == bool 1",
      "x > bool 2 > bool 3",
      "NaN + Inf - -Inf", "0x1f * .5 + 5. + 1.5e3",
      "label_replace(x, \"dst\", \"$1\", \"src\", \"(.*)\")",
      "label_join(x, \"dst\", \",\", \"a\", \"b\")",
      "hour()", "round(x)", "round(x, 0.5)", "time()", "pi()",
      "holt_winters(x[5m], 0.5, 0.5)",
      "histogram_fraction(0, 1, x)",
      "predict_linear(x[1h], 3600) < 0",
      "absent_over_time(nonexistent{job=\"myjob\"}[1h])",
      "x{a=~\"(?P<n>a)\"}",
      "x{a='b'} + x{a=`c`}",
      "\"a string\"",
      "SUM BY (a) (x)",
      "sum(x) # comment\n + 1");

  public static final List<String> INVALID = List.of(
      "on{a=\"b\"}", "bool", "ignoring", "group_left", "atan2",
      "x[0s]", "x[5m:0s]", "x offset 0s",
      "round(x,)", "sum(x,)",
      "x offset 5m[1m]",
      "x[5m:1m:1m]",
      "sum(x) by (a) by (b)",
      "count_values(1, x)", "quantile(x, 0.5)",
      "x and 1", "x and on(a) group_left y",
      "x * on(a) group_left(a) y",
      "x[1m30h]", "x[1d1d]", "x[0.5m]", "x[5M]",
      "x{__name__=\"y\"}", "{a=\"\"}", "{a=~\".*\"}",
      "1 + 1 @ 100", "x @ start() @ end()", "x offset 1h offset 1h",
      "histogram_quantile(0.9, x) offset 1h",
      "x @ Inf",
      "-\"a\"", "\"a\" + 1", "x[5m] + 1",
      "x{a:b=\"1\"}", "sum by (le:a) (x)", "max by (nan) (x)",
      "x{a=\"b\"}[5m] [1h:]",
      "x{a=~\"(\"}",
      "1_000",
      "rate(x)", "foo(x)", "1 > 2", "x + bool y");
}
