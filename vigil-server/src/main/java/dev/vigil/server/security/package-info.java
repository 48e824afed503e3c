/** API authentication: hashed bearer tokens, the admin token bootstrap, webhook signatures. */
package dev.vigil.server.security;
