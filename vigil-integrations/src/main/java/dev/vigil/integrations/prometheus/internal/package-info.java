/** Transport (auth, retries, limits) and JSON decoding behind the Prometheus client. */
package dev.vigil.integrations.prometheus.internal;
