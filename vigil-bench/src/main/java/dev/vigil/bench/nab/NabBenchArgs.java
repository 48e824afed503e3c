package dev.vigil.bench.nab;

/** Argument helpers shared by the benchmark runners: usage errors exit 64 with a message naming the argument. */
public final class NabBenchArgs {
  private NabBenchArgs() {}

  /** The value following option {@code name} at position {@code i}, or a usage error. */
  public static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      usage(name + " needs a value");
    }
    return args[i];
  }

  /** Prints the message and exits with status 64 (EX_USAGE). */
  public static void usage(String message) {
    System.err.println("vigil bench: " + message);
    System.exit(64);
  }
}
