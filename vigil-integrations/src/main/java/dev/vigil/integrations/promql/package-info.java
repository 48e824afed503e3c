/**
 * PromQL as data: a lexer and parser with Prometheus 2.42's type checks ({@link
 * dev.vigil.integrations.promql.PromqlParser}), the expression tree ({@link
 * dev.vigil.integrations.promql.Expr}), a printer back to text, and the label-scope enforcement
 * behind {@code metrics:read} grants ({@link dev.vigil.integrations.promql.LabelScope}, {@link
 * dev.vigil.integrations.promql.ScopedMetricSource}). Depends on core only, so any metric source
 * adapter can be wrapped by it.
 */
package dev.vigil.integrations.promql;
