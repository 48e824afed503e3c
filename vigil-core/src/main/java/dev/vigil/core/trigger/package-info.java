/** Triggers that wake tasks: cron schedules with time zones, event matchers, chat messages. */
package dev.vigil.core.trigger;
