/** Runs of tasks, their steps and the reasons they woke. */
package dev.vigil.core.run;
