package dev.vigil.engine.testing;

/**
 * Stands for the process dying at the point where it is thrown: an {@link Error}, so no engine
 * code that handles failures of steps or deliveries catches it, and whatever was committed before
 * it stays exactly as a real crash would leave it.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  public SimulatedCrash(String where) {
    super("simulated crash: " + where);
  }
}
