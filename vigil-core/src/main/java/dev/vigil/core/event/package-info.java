/** Events accepted at Vigil's edge (webhooks, CloudEvents) in a vendor-neutral shape. */
package dev.vigil.core.event;
