/** Adapters to the outside world, a package per integration, each implementing a core port. */
package dev.vigil.integrations;
