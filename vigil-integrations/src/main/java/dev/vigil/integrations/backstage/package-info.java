/**
 * Backstage catalog files ({@code catalog-info.yaml}) as a context-graph source: Component, API,
 * Resource, System, Group and User entities with their relations (owner, system, dependsOn,
 * providesApis, consumesApis, memberOf, parent) and the annotations and links that name runbooks,
 * dashboards and source locations. Files come from any {@link dev.vigil.core.graph.SourceFiles}.
 */
package dev.vigil.integrations.backstage;
