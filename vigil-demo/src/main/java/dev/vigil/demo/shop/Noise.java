package dev.vigil.demo.shop;

/**
 * Reproducible noise: each value is a pure function of the seed and its coordinates (which series,
 * which tick), not of how many values were drawn before it. That is what makes a history written to
 * a file and the same minutes served live agree, and lets a test ask for any point directly.
 */
final class Noise {
  private final long seed;

  Noise(long seed) {
    this.seed = seed;
  }

  /** Uniform in [0, 1). */
  double uniform(long a, long b, long c) {
    long h = mix(seed ^ mix(a * 0x9E3779B97F4A7C15L + mix(b * 0xC2B2AE3D27D4EB4FL + c)));
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Standard normal (Box-Muller on two uniforms of the same coordinates). */
  double gaussian(long a, long b, long c) {
    double u1 = Math.max(uniform(a, b, 2 * c), 1e-300);
    double u2 = uniform(a, b, 2 * c + 1);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  // SplitMix64's finaliser: every input bit affects every output bit.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
  static double normalCdf(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * z);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
