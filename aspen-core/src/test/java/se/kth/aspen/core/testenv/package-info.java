/** Access to the real components of {@code scripts/test-env.sh}, for every module's tests. */
package se.kth.aspen.core.testenv;
