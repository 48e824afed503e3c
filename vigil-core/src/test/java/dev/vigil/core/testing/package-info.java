/** Test support shared by the modules through vigil-core's test-jar. */
package dev.vigil.core.testing;
