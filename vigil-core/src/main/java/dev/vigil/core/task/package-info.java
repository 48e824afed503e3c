/**
 * Tasks and the plug-in contract of task kinds: parameter schemas, plans of steps, step outcomes
 * and failures.
 */
package dev.vigil.core.task;
