/**
 * The PagerDuty adapter: the Events API v2 ({@link dev.vigil.integrations.pagerduty.PagerDutyPager},
 * trigger, acknowledge and resolve behind the core {@code Pager}) and the webhooks v3 receiver's
 * side ({@link dev.vigil.integrations.pagerduty.PagerDutyWebhook}: the {@code X-PagerDuty-Signature}
 * check and {@code incident.*} events turned into core events).
 */
package dev.vigil.integrations.pagerduty;
