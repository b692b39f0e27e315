/**
 * The tag catalogue kept between passes: every image repository's tag list, refreshed on its own
 * schedule (with jitter), at once when a push names the repository, and on request, so that a
 * pass over unchanged repositories asks the registry nothing. Registry requests are bounded in
 * number at any moment; a failed refresh keeps the last good list.
 */
package se.kth.aspen.core.catalogue;
