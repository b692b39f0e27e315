/**
 * The {@link se.kth.aspen.core.port.CommitStatuses} adapter: commit statuses posted to the forge
 * that hosts the registry's repository (GitHub, GitLab, Gitea/Forgejo, Bitbucket) through its own
 * HTTP API, from a bounded queue by one sender thread, so that a forge that is down or slow never
 * holds a pass. {@link se.kth.aspen.forge.ForgeCommitStatuses} is the entry.
 */
package se.kth.aspen.forge;
