/** Built-in task kinds, a package each. They reach the world only through core's ports. */
package dev.vigil.tasks;
