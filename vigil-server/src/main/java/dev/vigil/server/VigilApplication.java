package dev.vigil.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Vigil server: one process, web console, API and engine on one port. */
@SpringBootApplication
public class VigilApplication {
  public static void main(String[] args) {
    if ("json".equalsIgnoreCase(System.getenv("VIGIL_LOG_FORMAT"))) {
      // One JSON object per line, for log shippers; the MDC (agent, task, run) becomes fields.
      System.setProperty("logging.structured.format.console", "logstash");
    }
    SpringApplication.run(VigilApplication.class, args);
  }
}
