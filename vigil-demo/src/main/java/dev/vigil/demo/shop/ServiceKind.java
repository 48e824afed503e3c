package dev.vigil.demo.shop;

/** What a node of the shop is, which decides the series it exposes. */
public enum ServiceKind {
  /** Serves requests (or, for a worker, handles messages): request counters, a latency histogram, CPU, memory. */
  SERVICE,
  /** The PostgreSQL datastore: transactions, query latency, active connections. */
  DATASTORE,
  /** A message queue between a producer and a worker: published, consumed, depth. */
  QUEUE
}
