/**
 * Slack: the Events API receiver's request verification (signing secret v0, 5-minute replay window)
 * and event translation (url_verification, app_mention, message.im into message wake-ups), and
 * posting through the Web API with Slack's Java SDK.
 */
package dev.vigil.integrations.slack;
