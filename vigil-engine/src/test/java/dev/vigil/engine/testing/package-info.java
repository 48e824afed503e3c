/**
 * Test support for the engine: a clock tests move by hand, an in-memory run queue, a chat channel
 * and an HTTP probe that record what they were given and fail on demand, and a task kind whose
 * steps a test scripts. None of it is shipped.
 */
package dev.vigil.engine.testing;
