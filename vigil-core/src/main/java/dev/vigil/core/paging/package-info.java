/**
 * Pages: alerts an agent raises on a paging service (PagerDuty), grouped into one incident by their
 * dedup key, which acknowledging and resolving name again.
 */
package dev.vigil.core.paging;
