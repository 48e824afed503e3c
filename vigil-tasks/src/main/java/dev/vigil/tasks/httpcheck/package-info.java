/** The http-check kind: probes a URL and files a finding when status or latency is off. */
package dev.vigil.tasks.httpcheck;
