/** The application registry from git (JGit): https, ssh and file remotes. */
package se.kth.aspen.git;
