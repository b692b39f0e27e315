package se.kth.aspen.forge;

import java.time.Duration;

/** Waits between attempts; tests put in one that records and does not wait. */
@FunctionalInterface
interface Sleeper {

  Sleeper REAL = duration -> Thread.sleep(duration);

  void sleep(Duration duration) throws InterruptedException;
}
