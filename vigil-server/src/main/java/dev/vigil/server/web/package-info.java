/** HTTP plumbing: authentication and body-size filters, problem+json errors, JSON and YAML bodies. */
package dev.vigil.server.web;
