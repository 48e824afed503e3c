/**
 * The shop's model and its simulation: services and what they call, the traffic pattern, the effects
 * of deploys and faults, and the simulator that turns them into metric samples tick by tick.
 *
 * <p>Nothing here reads a clock or does I/O: the caller advances the simulation to an instant, which
 * is what lets the same seed give the same history whether it is written to a file or scraped live.
 */
package dev.vigil.demo.shop;
