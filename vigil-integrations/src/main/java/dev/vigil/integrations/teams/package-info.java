/** Microsoft Teams: posting Adaptive Cards through an incoming webhook or a Workflows URL. */
package dev.vigil.integrations.teams;
