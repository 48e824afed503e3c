/**
 * The {@code signal-check} task kind: on a schedule, each listed service's signals over the last
 * minutes against the hour before, the same minutes a week earlier and the week's range, with the
 * before/after judge; a finding and a post for every service that got worse, silence otherwise.
 */
package dev.vigil.tasks.signalcheck;
