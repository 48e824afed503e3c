/**
 * The Alertmanager adapter: the webhook (payload version 4) turned into one {@link
 * dev.vigil.integrations.alertmanager.AlertGroupNotification} and one core {@code Event} per alert
 * group, and an API v2 client ({@link dev.vigil.integrations.alertmanager.AlertmanagerClient}) to
 * list alerts and silences and to create and expire silences.
 */
package dev.vigil.integrations.alertmanager;
