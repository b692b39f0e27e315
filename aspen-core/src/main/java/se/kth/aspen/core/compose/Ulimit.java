package se.kth.aspen.core.compose;

/** One {@code ulimits} entry; a single number sets both soft and hard. */
public record Ulimit(String name, long soft, long hard) {}
