/** HTTP probing with the JDK's client. */
package dev.vigil.integrations.http;
