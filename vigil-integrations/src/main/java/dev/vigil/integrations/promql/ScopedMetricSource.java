package dev.vigil.integrations.promql;

import dev.vigil.core.integration.IntegrationFailure;
import dev.vigil.core.metrics.Labels;
import dev.vigil.core.metrics.QueryResult;
import dev.vigil.core.metrics.TimeRange;
import dev.vigil.core.port.MetricSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A {@link MetricSource} that reads only inside a {@link LabelScope}: every query and selector is
 * parsed and rewritten before it reaches the delegate, and refused ({@link
 * IntegrationFailure.Kind#DENIED} or {@link IntegrationFailure.Kind#INVALID}) when it cannot be.
 * The label APIs without selectors are asked with the scope itself as the selector, so they list
 * only names and values seen inside the scope. Thread-safe when the delegate is.
 */
public final class ScopedMetricSource implements MetricSource {
  private final MetricSource delegate;
  private final LabelScope scope;

  public ScopedMetricSource(MetricSource delegate, LabelScope scope) {
    if (delegate == null || scope == null) {
      throw new IllegalArgumentException("a scoped metric source needs a delegate and a scope");
    }
    this.delegate = delegate;
    this.scope = scope;
  }

  public LabelScope scope() {
    return scope;
  }

  @Override
  public String integration() {
    return delegate.integration();
  }

  @Override
  public QueryResult query(String promql, Instant time) throws IntegrationFailure {
    return delegate.query(restrictQuery(promql), time);
  }

  @Override
  public QueryResult queryRange(String promql, TimeRange range, Duration step) throws IntegrationFailure {
    return delegate.queryRange(restrictQuery(promql), range, step);
  }

  @Override
  public List<Labels> series(List<String> selectors, TimeRange range) throws IntegrationFailure {
    return delegate.series(restrictSelectors(selectors), range);
  }

  @Override
  public List<String> labelNames(List<String> selectors, TimeRange range) throws IntegrationFailure {
    return delegate.labelNames(restrictSelectors(selectors), range);
  }

  @Override
  public List<String> labelValues(String label, List<String> selectors, TimeRange range) throws IntegrationFailure {
    return delegate.labelValues(label, restrictSelectors(selectors), range);
  }

  private String restrictQuery(String promql) throws IntegrationFailure {
    try {
      return scope.enforce(promql);
    } catch (PromqlSyntaxException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, e.getMessage(), e);
    } catch (ScopeViolationException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, e.getMessage(), e);
    }
  }

  private List<String> restrictSelectors(List<String> selectors) throws IntegrationFailure {
    if (scope.isUnrestricted()) {
      return selectors;
    }
    if (selectors == null || selectors.isEmpty()) {
      return List.of(scope.toString());
    }
    try {
      return selectors.stream().map(scope::enforceSelector).toList();
    } catch (PromqlSyntaxException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.INVALID, e.getMessage(), e);
    } catch (ScopeViolationException e) {
      throw new IntegrationFailure(IntegrationFailure.Kind.DENIED, e.getMessage(), e);
    }
  }
}
