/** Credentials handling shared by the modules. */
package dev.vigil.core.security;
