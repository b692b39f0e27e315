/**
 * Two revisions of the application registry compared as the pass would see them: for every
 * target whose desired state differs, what would change on its cluster, service by service and
 * field by field, and what would stop the new side's deploy. {@link
 * se.kth.aspen.core.diff.RegistryComparison} is the entry; {@link se.kth.aspen.core.diff.RegistryDiff}
 * what it gives back. No cluster, state store or secret is needed: a vaulted {@code secrets.env}
 * is compared by its encrypted content, and its values are never read.
 */
package se.kth.aspen.core.diff;
