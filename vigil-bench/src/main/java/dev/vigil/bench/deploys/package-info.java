/**
 * {@code ./vigil bench deploys}: the deploy watch's accuracy on labelled past deploys, each judged as
 * of its checks' times against metrics loaded into a real Prometheus.
 */
package dev.vigil.bench.deploys;
