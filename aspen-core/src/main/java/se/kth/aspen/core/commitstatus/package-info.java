/**
 * The commit statuses a pass's deploys make ({@link
 * se.kth.aspen.core.commitstatus.CommitStatusReports}): it reads the pass's results and posts
 * through the {@link se.kth.aspen.core.port.CommitStatuses} port; the pass does not know it.
 */
package se.kth.aspen.core.commitstatus;
