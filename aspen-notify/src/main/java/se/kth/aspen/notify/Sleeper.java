package se.kth.aspen.notify;

import java.time.Duration;

/** Waits between retries; tests put in one that does not wait. */
@FunctionalInterface
interface Sleeper {

  Sleeper REAL = duration -> Thread.sleep(duration);

  void sleep(Duration duration) throws InterruptedException;
}
