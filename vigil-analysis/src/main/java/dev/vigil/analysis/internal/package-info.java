/**
 * Numeric building blocks shared by the analysis packages (robust location and scale, order statistics).
 * Not API: signatures may change without notice.
 */
package dev.vigil.analysis.internal;
