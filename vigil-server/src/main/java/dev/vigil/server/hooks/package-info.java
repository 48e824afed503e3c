/**
 * Webhook receivers of specific senders (GitHub, Alertmanager), each authenticating the way its
 * sender can and translating the delivery with its integration's parser. Their paths take
 * precedence over the generic {@code /hooks/{source}}.
 */
package dev.vigil.server.hooks;
