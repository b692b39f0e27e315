/** Checks every module's tests share, such as the shape of an adapter's public surface. */
package se.kth.aspen.core.testing;
