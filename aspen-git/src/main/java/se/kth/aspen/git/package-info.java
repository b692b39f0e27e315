/**
 * The application registry from git (JGit): a {@link se.kth.aspen.core.port.RegistrySource} that
 * keeps a local clone of the registry repository in step with its remote over https, ssh
 * ({@code ssh://} and {@code user@host:path}) or {@code file://}.
 *
 * <p>{@link se.kth.aspen.git.GitRegistrySource} is the one entry type, built from {@link
 * se.kth.aspen.git.GitRegistrySettings}; everything else is package-private. Credentials never
 * appear in a message, log line, {@code toString} or the clone's config. SSH host keys are
 * checked strictly against the given known hosts and nothing is accepted on first use. A remote
 * that cannot be reached leaves the last good snapshot in service, marked stale; a damaged clone
 * is replaced by a fresh one made beside it. Submodules are ignored. Symbolic links are checked
 * out as links, never written through: consumers must not follow them (aspen-core refuses them).
 * On Linux the clone's working tree is watched with inotify between syncs, so that a sync walks
 * it (a {@code git status}) only when something touched it; elsewhere every sync walks it.
 */
package se.kth.aspen.git;
