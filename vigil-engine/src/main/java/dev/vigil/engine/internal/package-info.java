/** The engine's moving parts; not an API. */
package dev.vigil.engine.internal;
