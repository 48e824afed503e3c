package dev.vigil.bench.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code ./vigil bench engine}.
 *
 * @param database h2, postgres or both
 * @param eventSeconds length of each fixed-rate phase (events = rate x seconds)
 */
record EngineBenchOptions(String database, List<String> parts, boolean keep, int agents, int rounds, List<Integer> rates, int eventSeconds,
    int runsPerRound, int stepsPerRun) {
  static final String USAGE = """
      usage: ./vigil bench engine [--db h2|postgres|both] [--agents N] [--rounds N] [--rates R1,R2]
                                  [--event-seconds S] [--runs N] [--steps-per-run N]
                                  [--only standby,events,steps] [--keep] [--quick]
        --db             database(s) to measure (default both; postgres needs the launcher's throwaway server)
        --agents         standby agents (default 100000)
        --rounds         rounds per figure; figures are medians over rounds (default 3)
        --rates          webhook rates in events per second (default 200,1000)
        --event-seconds  seconds per rate phase (default 10)
        --runs           runs per round of the step-throughput part (default 200)
        --steps-per-run  checkpointed steps per run there (default 20)
        --keep           keep the databases and server logs under target/bench/engine-work
        --only           measure only these parts (default all three)
        --quick          a smoke run: 5000 agents, 1 round, 3-second phases""";

  static final List<String> PARTS = List.of("standby", "events", "steps");

  static EngineBenchOptions parse(String[] args) {
    String db = "both";
    int agents = 100_000;
    int rounds = 3;
    List<Integer> rates = List.of(200, 1000);
    int seconds = 10;
    List<String> parts = PARTS;
    int runs = 200;
    boolean keep = false;
    int steps = 20;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> {
          agents = 5_000;
          rounds = 1;
          seconds = 3;
        }
        case "--db" -> db = value(args, ++i, a);
        case "--keep" -> keep = true;
        case "--only" -> {
          parts = List.of(value(args, ++i, a).split(","));
          if (!PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("--only takes parts from " + PARTS + " (got " + parts + ")");
          }
        }
        case "--agents" -> agents = positive(value(args, ++i, a), a);
        case "--rounds" -> rounds = positive(value(args, ++i, a), a);
        case "--event-seconds" -> seconds = positive(value(args, ++i, a), a);
        case "--runs" -> runs = positive(value(args, ++i, a), a);
        case "--steps-per-run" -> steps = positive(value(args, ++i, a), a);
        case "--rates" -> {
          List<Integer> parsed = new ArrayList<>();
          for (String r : value(args, ++i, a).split(",")) parsed.add(positive(r.trim(), a));
          rates = parsed;
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    if (!List.of("h2", "postgres", "both").contains(db)) {
      throw new IllegalArgumentException("--db must be h2, postgres or both (got '" + db + "')");
    }
    return new EngineBenchOptions(db, parts, keep, agents, rounds, rates, seconds, runs, steps);
  }

  List<String> databases(boolean postgresAvailable) {
    if (database.equals("h2")) return List.of("h2");
    if (!postgresAvailable) {
      throw new IllegalStateException("PostgreSQL is not configured (VIGIL_TEST_PG_URL); run through ./vigil bench engine"
          + (database.equals("both") ? " or pass --db h2" : ""));
    }
    return database.equals("postgres") ? List.of("postgres") : List.of("h2", "postgres");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }

  private static int positive(String text, String option) {
    try {
      int v = Integer.parseInt(text);
      if (v > 0) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive whole number (got '" + text + "')");
  }
}
