/**
 * The web console: server-rendered pages (Thymeleaf, htmx) on the API's port, behind a login with
 * an API token and a session cookie with a per-session CSRF token. It reads and acts through the
 * same ports and engine as the REST API; the API itself keeps bearer authentication.
 */
package dev.vigil.server.console;
