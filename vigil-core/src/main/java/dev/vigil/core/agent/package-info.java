/** Agents: identity, purpose, grants and the tasks they own. */
package dev.vigil.core.agent;
