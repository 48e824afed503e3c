package dev.vigil.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Vigil server: one process, web console, API and engine on one port. */
@SpringBootApplication
public class VigilApplication {
  public static void main(String[] args) {
    SpringApplication.run(VigilApplication.class, args);
  }
}
