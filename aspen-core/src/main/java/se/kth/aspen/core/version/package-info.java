/**
 * Versions: ranges ({@code ~}, {@code ^}, exact) over release tags such as {@code
 * 2.9.202_3b01b96}, and the per-pass catalog of a registry's tags they are resolved against.
 */
package se.kth.aspen.core.version;
