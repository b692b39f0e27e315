package se.kth.aspen.core.port;

/** The identity of a reported error for de-duplication: same target, same step. */
public record ErrorMark(TargetKey target, String step) {}
