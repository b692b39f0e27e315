/**
 * Image references as a stack file writes them ({@link se.kth.aspen.core.image.ImageReference}):
 * parsed once, here, and shared by the stack model, the pass and the ports, so that neither
 * {@code compose} nor {@code port} needs the other for them.
 */
package se.kth.aspen.core.image;
