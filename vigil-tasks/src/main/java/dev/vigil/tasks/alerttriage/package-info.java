/**
 * The first responder for alerts ({@code alert-triage} task kind): when Alertmanager notifies Vigil of a
 * firing alert, it checks whether the alerting service's signals confirm it, which deploy or dependency
 * it lines up with, whether the alert is known noise, and who owns it, then posts that in the alert's
 * thread, filing a finding only when the signals confirm the alert.
 */
package dev.vigil.tasks.alerttriage;
