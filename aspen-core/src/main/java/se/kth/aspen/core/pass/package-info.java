/**
 * The pass: discover, select, read, check, resolve, decide, unlock, deploy, verify, record, as a
 * chain of small stages, each taking one record and giving one. {@link se.kth.aspen.core.pass.Pass}
 * is the entry; {@link se.kth.aspen.core.pass.PassReport} and {@link
 * se.kth.aspen.core.pass.AppResult} are what it gives back (CONTRACT §9).
 */
package se.kth.aspen.core.pass;
